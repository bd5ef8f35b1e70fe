using System.Globalization;
using System.Text;

namespace Switchboard.Telemetry.AccessLogFormats;

/// <summary>
/// <c>%START_TIME(…)%</c>'s format: the strftime subset Envoy users write — <c>%Y %m %d %H %M %S %z %s %%</c> and
/// fractional seconds <c>%f</c> (9 digits) or <c>%1f</c>…<c>%9f</c> — parsed once; always in UTC, as Envoy logs. Without
/// a format, Envoy's default: <c>2024-05-01T12:00:00.000Z</c>.
/// </summary>
public sealed class StartTimeFormat
{
    /// <summary>Envoy's default START_TIME rendering (ISO 8601, milliseconds, UTC).</summary>
    public static StartTimeFormat Default { get; } = new([]);

    // A token is a literal run or a specifier: 'Y', 'm', 'd', 'H', 'M', 'S', 'z', 's', or '1'..'9' for fractions.
    private readonly IReadOnlyList<(char Specifier, string? Literal)> _tokens;

    private StartTimeFormat(IReadOnlyList<(char, string?)> tokens) => _tokens = tokens;

    /// <summary>Parses <paramref name="format"/>; an unsupported specifier is reported at its offset into <paramref name="text"/>.</summary>
    public static StartTimeFormat? Parse(string format, string text, int offset, List<LogFormatError> errors)
    {
        var tokens = new List<(char, string?)>();
        var literal = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                literal.Append(format[i]);
                continue;
            }
            var next = format[++i];
            if (next == '%')
            {
                literal.Append('%');
                continue;
            }
            if (literal.Length > 0) tokens.Add(('\0', literal.ToString()));
            literal.Clear();
            if (next is >= '1' and <= '9' && i + 1 < format.Length && format[i + 1] == 'f')
            {
                tokens.Add((next, null));
                i++;
            }
            else if (next == 'f') tokens.Add(('9', null));
            else if ("YmdHMSzs".Contains(next)) tokens.Add((next, null));
            else
            {
                errors.Add(LogFormatError.At(text, offset + i - 1, LogFormatErrorCode.UnsupportedTimeFormat,
                    $"START_TIME format specifier %{next} is not supported (%Y %m %d %H %M %S %z %s %f %1f..%9f are)"));
            }
        }
        if (literal.Length > 0) tokens.Add(('\0', literal.ToString()));
        return new StartTimeFormat(tokens);
    }

    public void Render(DateTimeOffset time, StringBuilder into)
    {
        var utc = time.ToUniversalTime();
        if (_tokens.Count == 0)
        {
            into.Append(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            return;
        }
        foreach (var (specifier, literal) in _tokens)
        {
            switch (specifier)
            {
                case '\0': into.Append(literal); break;
                case 'Y': into.Append(utc.ToString("yyyy", CultureInfo.InvariantCulture)); break;
                case 'm': into.Append(utc.ToString("MM", CultureInfo.InvariantCulture)); break;
                case 'd': into.Append(utc.ToString("dd", CultureInfo.InvariantCulture)); break;
                case 'H': into.Append(utc.ToString("HH", CultureInfo.InvariantCulture)); break;
                case 'M': into.Append(utc.ToString("mm", CultureInfo.InvariantCulture)); break;
                case 'S': into.Append(utc.ToString("ss", CultureInfo.InvariantCulture)); break;
                case 'z': into.Append("+0000"); break;
                case 's': into.Append(utc.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)); break;
                default:
                    // Fractional seconds: .NET keeps 100 ns ticks, so digits past the seventh are zeros.
                    var nanos = (utc.Ticks % TimeSpan.TicksPerSecond * 100).ToString("D9", CultureInfo.InvariantCulture);
                    into.Append(nanos, 0, specifier - '0');
                    break;
            }
        }
    }
}
