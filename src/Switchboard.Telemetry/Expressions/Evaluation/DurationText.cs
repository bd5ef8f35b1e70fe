using System.Globalization;

namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// Durations as CEL writes them: <c>duration('1h30m')</c> parses Go's syntax (a signed sequence of decimal numbers
/// with units ns, us, ms, s, m, h) and <c>string(d)</c> prints seconds, e.g. <c>5400s</c> or <c>1.5s</c>.
/// </summary>
internal static class DurationText
{
    public static bool TryParse(string text, out long ticks)
    {
        ticks = 0;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-') negative = text[i++] == '-';
        if (text.AsSpan(i) is "0") return true;
        if (i == text.Length) return false;
        decimal total = 0;
        while (i < text.Length)
        {
            var numberStart = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            var number = text.AsSpan(numberStart, i - numberStart);
            if (number.IsEmpty || number is "." || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)) return false;
            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.') i++;
            if (UnitTicks(text.AsSpan(unitStart, i - unitStart)) is not { } unit) return false;
            if (amount > long.MaxValue / unit) return false;
            total += amount * unit;
            if (total > long.MaxValue) return false;
        }
        ticks = (long)decimal.Truncate(negative ? -total : total);
        return true;
    }

    public static string Format(long ticks)
    {
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var fraction);
        var sign = ticks < 0 && seconds == 0 ? "-" : "";
        if (fraction == 0) return string.Create(CultureInfo.InvariantCulture, $"{seconds}s");
        var digits = Math.Abs(fraction).ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds}.{digits}s");
    }

    private static decimal? UnitTicks(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => 0.01m,
        "us" or "µs" or "μs" => 10m,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        "h" => TimeSpan.TicksPerHour,
        _ => null,
    };
}
