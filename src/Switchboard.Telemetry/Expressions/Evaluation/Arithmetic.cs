using Switchboard.Telemetry.Expressions.Syntax;

namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// CEL arithmetic (cel-spec langdef.md, "Numeric values"): operands must be the same numeric type (no implicit
/// conversion), int and uint overflow and division by zero are errors, doubles follow IEEE 754. <c>+</c> also joins
/// strings and lists and moves timestamps by durations.
/// </summary>
internal static class Arithmetic
{
    private static readonly Value NoOverload = Value.Error(EvaluationError.NoMatchingOverload);
    private static readonly Value Overflow = Value.Error(EvaluationError.Overflow);

    public static Value Apply(BinaryOp op, Value a, Value b)
    {
        if (a.IsError) return a;
        if (b.IsError) return b;
        return op switch
        {
            BinaryOp.Add => Add(a, b),
            BinaryOp.Subtract => Subtract(a, b),
            BinaryOp.Multiply => Multiply(a, b),
            BinaryOp.Divide => Divide(a, b),
            _ => Modulo(a, b),
        };
    }

    public static Value Negate(Value a) => a.Kind switch
    {
        ValueKind.Int => a.Bits == long.MinValue ? Overflow : Value.Int(-a.Bits),
        ValueKind.Double => Value.Double(-a.AsDouble),
        ValueKind.Duration => a.Bits == long.MinValue ? Overflow : Value.DurationTicks(-a.Bits),
        ValueKind.Error => a,
        _ => NoOverload,
    };

    private static Value Add(Value a, Value b) => (a.Kind, b.Kind) switch
    {
        (ValueKind.Int, ValueKind.Int) => CheckedMath.Add(a.Bits, b.Bits, out var r) ? Value.Int(r) : Overflow,
        (ValueKind.Uint, ValueKind.Uint) => CheckedMath.Add((ulong)a.Bits, (ulong)b.Bits, out var r) ? Value.Uint(r) : Overflow,
        (ValueKind.Double, ValueKind.Double) => Value.Double(a.AsDouble + b.AsDouble),
        (ValueKind.String, ValueKind.String) => Value.String(string.Concat((string)a.Reference!, (string)b.Reference!)),
        (ValueKind.List, ValueKind.List) => Value.List(new ListValue(((ListValue)a.Reference!).Items.AddRange(((ListValue)b.Reference!).Items))),
        (ValueKind.Duration, ValueKind.Duration) => CheckedMath.Add(a.Bits, b.Bits, out var r) ? Value.DurationTicks(r) : Overflow,
        (ValueKind.Timestamp, ValueKind.Duration) => Timestamp(a.Bits, b.Bits),
        (ValueKind.Duration, ValueKind.Timestamp) => Timestamp(b.Bits, a.Bits),
        _ => NoOverload,
    };

    private static Value Subtract(Value a, Value b) => (a.Kind, b.Kind) switch
    {
        (ValueKind.Int, ValueKind.Int) => CheckedMath.Subtract(a.Bits, b.Bits, out var r) ? Value.Int(r) : Overflow,
        (ValueKind.Uint, ValueKind.Uint) => (ulong)a.Bits >= (ulong)b.Bits ? Value.Uint((ulong)a.Bits - (ulong)b.Bits) : Overflow,
        (ValueKind.Double, ValueKind.Double) => Value.Double(a.AsDouble - b.AsDouble),
        (ValueKind.Duration, ValueKind.Duration) => CheckedMath.Subtract(a.Bits, b.Bits, out var r) ? Value.DurationTicks(r) : Overflow,
        (ValueKind.Timestamp, ValueKind.Timestamp) => CheckedMath.Subtract(a.Bits, b.Bits, out var r) ? Value.DurationTicks(r) : Overflow,
        (ValueKind.Timestamp, ValueKind.Duration) => b.Bits == long.MinValue ? Overflow : Timestamp(a.Bits, -b.Bits),
        _ => NoOverload,
    };

    private static Value Multiply(Value a, Value b) => (a.Kind, b.Kind) switch
    {
        (ValueKind.Int, ValueKind.Int) => CheckedMath.Multiply(a.Bits, b.Bits, out var r) ? Value.Int(r) : Overflow,
        (ValueKind.Uint, ValueKind.Uint) => CheckedMath.Multiply((ulong)a.Bits, (ulong)b.Bits, out var r) ? Value.Uint(r) : Overflow,
        (ValueKind.Double, ValueKind.Double) => Value.Double(a.AsDouble * b.AsDouble),
        _ => NoOverload,
    };

    private static Value Divide(Value a, Value b) => (a.Kind, b.Kind) switch
    {
        (ValueKind.Int, ValueKind.Int) => b.Bits == 0 ? Value.Error(EvaluationError.DivisionByZero)
            : a.Bits == long.MinValue && b.Bits == -1 ? Overflow : Value.Int(a.Bits / b.Bits),
        (ValueKind.Uint, ValueKind.Uint) => b.Bits == 0 ? Value.Error(EvaluationError.DivisionByZero) : Value.Uint((ulong)a.Bits / (ulong)b.Bits),
        (ValueKind.Double, ValueKind.Double) => Value.Double(a.AsDouble / b.AsDouble),
        _ => NoOverload,
    };

    private static Value Modulo(Value a, Value b) => (a.Kind, b.Kind) switch
    {
        // long.MinValue % -1 is 0 mathematically, but .NET throws on it.
        (ValueKind.Int, ValueKind.Int) => b.Bits == 0 ? Value.Error(EvaluationError.DivisionByZero) : b.Bits == -1 ? Value.Int(0) : Value.Int(a.Bits % b.Bits),
        (ValueKind.Uint, ValueKind.Uint) => b.Bits == 0 ? Value.Error(EvaluationError.DivisionByZero) : Value.Uint((ulong)a.Bits % (ulong)b.Bits),
        _ => NoOverload,
    };

    private static Value Timestamp(long ticks, long delta) =>
        CheckedMath.Add(ticks, delta, out var r) && r >= 0 && r <= DateTime.MaxValue.Ticks ? Value.TimestampTicks(r) : Overflow;
}
