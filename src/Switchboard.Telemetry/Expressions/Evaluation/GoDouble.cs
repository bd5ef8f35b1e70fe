using System.Globalization;

namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// <c>string(double)</c> as the reference implementation prints it (Go's <c>%g</c>): the shortest digits that
/// round-trip, in exponent form when the exponent is below -4 or at least 6 — <c>1.5</c>, <c>1e+06</c>, <c>1e-05</c>.
/// </summary>
internal static class GoDouble
{
    public static string Format(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsInfinity(d)) return d > 0 ? "+Inf" : "-Inf";
        var sign = d < 0 || (d == 0 && double.IsNegative(d)) ? "-" : "";
        var (digits, point) = Decompose(Math.Abs(d));
        if (digits.Length == 0) return sign + "0";
        var exponent = point - 1;
        if (exponent < -4 || exponent >= 6)
        {
            var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            var expSign = exponent < 0 ? "-" : "+";
            return $"{sign}{mantissa}e{expSign}{Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture)}";
        }
        if (point <= 0) return sign + "0." + new string('0', -point) + digits;
        if (point >= digits.Length) return sign + digits + new string('0', point - digits.Length);
        return sign + digits[..point] + "." + digits[point..];
    }

    /// <summary>Significant digits without leading or trailing zeros, and where the decimal point falls in them.</summary>
    private static (string Digits, int Point) Decompose(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        var exponent = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var dot = mantissa.IndexOf('.');
        var whole = dot < 0 ? mantissa : mantissa[..dot];
        var digits = dot < 0 ? mantissa : whole + mantissa[(dot + 1)..];
        var point = whole.Length + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        return (digits.Trim('0'), point - leading);
    }
}
