using System.Globalization;

namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// Timestamps as CEL writes them: RFC 3339 in and out (<c>timestamp('2024-05-01T10:00:00Z')</c>), printed in UTC with
/// the fraction trimmed. Fractions finer than .NET's 100 ns tick are truncated.
/// </summary>
internal static class TimestampText
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static bool TryParse(string text, out long utcTicks)
    {
        utcTicks = 0;
        // RFC 3339 requires a zone; without one .NET would read the text as local time.
        if (text.Length is < 20 or > 64 || !(text[^1] is 'Z' or 'z' || (text[^6] is '+' or '-' && text[^3] == ':'))) return false;
        var dot = text.IndexOf('.');
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end - dot - 1 > 7) text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
        }
        if (!DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        utcTicks = parsed.UtcTicks;
        return true;
    }

    public static string Format(long utcTicks) =>
        new DateTime(utcTicks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
