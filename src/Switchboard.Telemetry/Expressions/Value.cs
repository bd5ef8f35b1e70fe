using Switchboard.Telemetry.Expressions.Evaluation;

namespace Switchboard.Telemetry.Expressions;

/// <summary>
/// A CEL value: scalars live inline in one 64-bit field and strings, lists and maps in one reference, so producing
/// and comparing values allocates nothing. Timestamps (UTC) and durations keep .NET's 100 ns tick resolution.
/// </summary>
public readonly struct Value
{
    private Value(ValueKind kind, long bits, object? reference)
    {
        Kind = kind;
        Bits = bits;
        Reference = reference;
    }

    public ValueKind Kind { get; }

    internal long Bits { get; }

    internal object? Reference { get; }

    public static Value Null => new(ValueKind.Null, 0, null);

    public static Value True => new(ValueKind.Bool, 1, null);

    public static Value False => new(ValueKind.Bool, 0, null);

    public bool IsError => Kind == ValueKind.Error;

    public static Value Bool(bool value) => value ? True : False;

    public static Value Int(long value) => new(ValueKind.Int, value, null);

    public static Value Uint(ulong value) => new(ValueKind.Uint, unchecked((long)value), null);

    public static Value Double(double value) => new(ValueKind.Double, BitConverter.DoubleToInt64Bits(value), null);

    public static Value String(string value) => new(ValueKind.String, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static Value Timestamp(DateTimeOffset value) => new(ValueKind.Timestamp, value.UtcTicks, null);

    public static Value Duration(TimeSpan value) => new(ValueKind.Duration, value.Ticks, null);

    public static Value Error(EvaluationError error) => new(ValueKind.Error, (long)error, null);

    internal static Value TimestampTicks(long utcTicks) => new(ValueKind.Timestamp, utcTicks, null);

    internal static Value DurationTicks(long ticks) => new(ValueKind.Duration, ticks, null);

    internal static Value List(ListValue list) => new(ValueKind.List, 0, list);

    internal static Value Map(MapValue map) => new(ValueKind.Map, 0, map);

    public bool AsBool => Kind == ValueKind.Bool ? Bits != 0 : throw WrongKind(ValueKind.Bool);

    public long AsInt => Kind == ValueKind.Int ? Bits : throw WrongKind(ValueKind.Int);

    public ulong AsUint => Kind == ValueKind.Uint ? unchecked((ulong)Bits) : throw WrongKind(ValueKind.Uint);

    public double AsDouble => Kind == ValueKind.Double ? BitConverter.Int64BitsToDouble(Bits) : throw WrongKind(ValueKind.Double);

    public string AsString => Kind == ValueKind.String ? (string)Reference! : throw WrongKind(ValueKind.String);

    public DateTimeOffset AsTimestamp => Kind == ValueKind.Timestamp ? new DateTimeOffset(Bits, TimeSpan.Zero) : throw WrongKind(ValueKind.Timestamp);

    public TimeSpan AsDuration => Kind == ValueKind.Duration ? new TimeSpan(Bits) : throw WrongKind(ValueKind.Duration);

    public EvaluationError AsError => Kind == ValueKind.Error ? (EvaluationError)Bits : throw WrongKind(ValueKind.Error);

    /// <summary>True only for the bool <c>true</c>; the evaluator's fast path for logical operators.</summary>
    internal bool IsTrue => Kind == ValueKind.Bool && Bits != 0;

    internal bool IsFalse => Kind == ValueKind.Bool && Bits == 0;

    /// <summary>The value in CEL literal syntax, e.g. <c>"a"</c>, <c>1u</c>, <c>error(NoSuchAttribute)</c>.</summary>
    public override string ToString() => Formatting.Literal(this);

    private InvalidOperationException WrongKind(ValueKind wanted) => new($"value is {Kind}, not {wanted}");
}
