using System.Globalization;

namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// CEL's type conversions (cel-spec langdef.md, "Type Conversions"): <c>int</c>, <c>uint</c>, <c>double</c>,
/// <c>string</c>, <c>bool</c>, <c>timestamp</c>, <c>duration</c>. Out-of-range values and unparsable strings are
/// error values; doubles convert toward zero.
/// </summary>
internal static class Conversions
{
    private static readonly Value NoOverload = Value.Error(EvaluationError.NoMatchingOverload);
    private static readonly Value Overflow = Value.Error(EvaluationError.Overflow);
    private static readonly Value Invalid = Value.Error(EvaluationError.InvalidArgument);

    public static Value ToInt(Value v) => v.Kind switch
    {
        ValueKind.Int or ValueKind.Error => v,
        ValueKind.Uint => (ulong)v.Bits <= long.MaxValue ? Value.Int(v.Bits) : Overflow,
        // Exclusive bounds: long.MaxValue is not a double, and the nearest ones are out of range.
        ValueKind.Double => v.AsDouble is > -9223372036854775809.0 and < 9223372036854775808.0 ? Value.Int((long)v.AsDouble) : Overflow,
        ValueKind.String => long.TryParse((string)v.Reference!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? Value.Int(i) : Invalid,
        ValueKind.Timestamp => Value.Int(UnixSeconds(v.Bits)),
        _ => NoOverload,
    };

    public static Value ToUint(Value v) => v.Kind switch
    {
        ValueKind.Uint or ValueKind.Error => v,
        ValueKind.Int => v.Bits >= 0 ? Value.Uint((ulong)v.Bits) : Overflow,
        ValueKind.Double => v.AsDouble is > -1.0 and < 18446744073709551616.0 ? Value.Uint((ulong)v.AsDouble) : Overflow,
        ValueKind.String => ulong.TryParse((string)v.Reference!, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? Value.Uint(u) : Invalid,
        _ => NoOverload,
    };

    public static Value ToDouble(Value v) => v.Kind switch
    {
        ValueKind.Double or ValueKind.Error => v,
        ValueKind.Int => Value.Double(v.Bits),
        ValueKind.Uint => Value.Double((ulong)v.Bits),
        ValueKind.String => double.TryParse((string)v.Reference!, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? Value.Double(d) : Invalid,
        _ => NoOverload,
    };

    public static Value ToStringValue(Value v) =>
        v.IsError ? v : v.Kind == ValueKind.String ? v : Formatting.ToCelString(v) is { } s ? Value.String(s) : NoOverload;

    /// <summary>Accepts the spellings Go's strconv.ParseBool does, as the reference implementation.</summary>
    public static Value ToBool(Value v) => v.Kind switch
    {
        ValueKind.Bool or ValueKind.Error => v,
        ValueKind.String => (string)v.Reference! switch
        {
            "true" or "True" or "TRUE" or "t" or "T" or "1" => Value.True,
            "false" or "False" or "FALSE" or "f" or "F" or "0" => Value.False,
            _ => Invalid,
        },
        _ => NoOverload,
    };

    public static Value ToTimestamp(Value v) => v.Kind switch
    {
        ValueKind.Timestamp or ValueKind.Error => v,
        ValueKind.String => TimestampText.TryParse((string)v.Reference!, out var ticks) ? Value.TimestampTicks(ticks) : Invalid,
        ValueKind.Int => v.Bits is >= -62135596800 and <= 253402300799 ? Value.TimestampTicks(DateTime.UnixEpoch.Ticks + v.Bits * TimeSpan.TicksPerSecond) : Overflow,
        _ => NoOverload,
    };

    public static Value ToDuration(Value v) => v.Kind switch
    {
        ValueKind.Duration or ValueKind.Error => v,
        ValueKind.String => DurationText.TryParse((string)v.Reference!, out var ticks) ? Value.DurationTicks(ticks) : Invalid,
        _ => NoOverload,
    };

    private static long UnixSeconds(long utcTicks)
    {
        var seconds = Math.DivRem(utcTicks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerSecond, out var rest);
        return rest < 0 ? seconds - 1 : seconds;
    }

    /// <summary><c>dyn(v)</c>: the value unchanged; it only tells the checker to stop tracking the type.</summary>
    public static Value ToDyn(Value v) => v;
}
