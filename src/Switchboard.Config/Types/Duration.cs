using System.Globalization;

namespace Switchboard.Config.Types;

/// <summary>
/// A duration as Istio accepts it in YAML: Go syntax, a sequence of decimal numbers with units
/// <c>h m s ms us µs ns</c> (<c>1h30m</c>, <c>2.5s</c>, <c>50ms</c>). Kept with its original text for messages.
/// </summary>
public readonly record struct Duration(TimeSpan Value, string Text)
{
    public static Duration FromTimeSpan(TimeSpan value) => new(value, Format(value));

    public override string ToString() => Text;

    /// <summary>Parses Go duration syntax; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out Duration duration, out string error)
    {
        duration = default;
        error = "";
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
        {
            error = "empty duration";
            return false;
        }
        var negative = s[0] == '-';
        if (s[0] is '-' or '+') s = s[1..];
        if (s.SequenceEqual("0"))
        {
            duration = new Duration(TimeSpan.Zero, text);
            return true;
        }
        decimal totalNs = 0;
        while (!s.IsEmpty)
        {
            var n = 0;
            while (n < s.Length && (char.IsAsciiDigit(s[n]) || s[n] == '.')) n++;
            if (n == 0 || !decimal.TryParse(s[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = $"expected a number at \"{s.ToString()}\"";
                return false;
            }
            s = s[n..];
            var u = 0;
            while (u < s.Length && !char.IsAsciiDigit(s[u]) && s[u] != '.') u++;
            var unit = s[..u].ToString();
            s = s[u..];
            decimal? nsPerUnit = unit switch
            {
                "h" => 3_600_000_000_000m,
                "m" => 60_000_000_000m,
                "s" => 1_000_000_000m,
                "ms" => 1_000_000m,
                "us" or "µs" or "μs" => 1_000m,
                "ns" => 1m,
                _ => null,
            };
            if (nsPerUnit is null)
            {
                error = unit.Length == 0 ? "missing unit (use h, m, s, ms, us or ns)" : $"unknown unit \"{unit}\" (use h, m, s, ms, us or ns)";
                return false;
            }
            totalNs += number * nsPerUnit.Value;
            if (totalNs > (decimal)TimeSpan.MaxValue.Ticks * 100)
            {
                error = "duration too large";
                return false;
            }
        }
        var ticks = (long)(totalNs / 100);
        duration = new Duration(TimeSpan.FromTicks(negative ? -ticks : ticks), text);
        return true;
    }

    private static string Format(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{(long)value.TotalSeconds}s" : $"{value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
}
