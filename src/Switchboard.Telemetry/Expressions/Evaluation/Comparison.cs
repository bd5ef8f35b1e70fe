using Switchboard.Telemetry.Expressions.Syntax;

namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// CEL ordering (cel-spec langdef.md): numbers across int, uint and double by value, strings by code point, bools
/// with false first, timestamps and durations by time. Any relation with NaN is false.
/// </summary>
internal static class Comparison
{
    public const int Less = -1;
    public const int Same = 0;
    public const int Greater = 1;
    public const int Unordered = 2;
    public const int Incomparable = 3;

    public static bool IsNumber(Value v) => v.Kind is ValueKind.Int or ValueKind.Uint or ValueKind.Double;

    public static Value Relation(BinaryOp op, Value a, Value b)
    {
        if (a.IsError) return a;
        if (b.IsError) return b;
        var order = Compare(a, b);
        if (order == Incomparable) return Value.Error(EvaluationError.NoMatchingOverload);
        if (order == Unordered) return Value.False;
        return Value.Bool(op switch
        {
            BinaryOp.Less => order < 0,
            BinaryOp.LessEqual => order <= 0,
            BinaryOp.Greater => order > 0,
            _ => order >= 0,
        });
    }

    public static int Compare(Value a, Value b) => (a.Kind, b.Kind) switch
    {
        (ValueKind.Int, ValueKind.Int) => a.Bits.CompareTo(b.Bits),
        (ValueKind.Uint, ValueKind.Uint) => ((ulong)a.Bits).CompareTo((ulong)b.Bits),
        (ValueKind.Double, ValueKind.Double) => CompareDoubles(a.AsDouble, b.AsDouble),
        (ValueKind.Int, ValueKind.Uint) => a.Bits < 0 ? Less : ((ulong)a.Bits).CompareTo((ulong)b.Bits),
        (ValueKind.Uint, ValueKind.Int) => -Compare(b, a),
        (ValueKind.Int, ValueKind.Double) => CompareIntDouble(a.Bits, b.AsDouble),
        (ValueKind.Double, ValueKind.Int) => Flip(CompareIntDouble(b.Bits, a.AsDouble)),
        (ValueKind.Uint, ValueKind.Double) => CompareUintDouble((ulong)a.Bits, b.AsDouble),
        (ValueKind.Double, ValueKind.Uint) => Flip(CompareUintDouble((ulong)b.Bits, a.AsDouble)),
        (ValueKind.String, ValueKind.String) => Sign(CompareCodePoints((string)a.Reference!, (string)b.Reference!)),
        (ValueKind.Bool, ValueKind.Bool) or (ValueKind.Timestamp, ValueKind.Timestamp) or (ValueKind.Duration, ValueKind.Duration) => a.Bits.CompareTo(b.Bits),
        _ => Incomparable,
    };

    private static int CompareDoubles(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? Unordered : a.CompareTo(b);

    /// <summary>Exact, unlike converting the int to double (which rounds above 2^53).</summary>
    private static int CompareIntDouble(long a, double b)
    {
        if (double.IsNaN(b)) return Unordered;
        if (b >= 9223372036854775808.0) return Less;
        if (b < -9223372036854775808.0) return Greater;
        var whole = Math.Truncate(b);
        var order = a.CompareTo((long)whole);
        return order != 0 ? order : Sign(-(b - whole).CompareTo(0.0));
    }

    private static int CompareUintDouble(ulong a, double b)
    {
        if (double.IsNaN(b)) return Unordered;
        if (b >= 18446744073709551616.0) return Less;
        if (b < 0) return Greater;
        var whole = Math.Truncate(b);
        var order = a.CompareTo((ulong)whole);
        return order != 0 ? order : Sign(-(b - whole).CompareTo(0.0));
    }

    /// <summary>Ordinal UTF-16 order differs from code-point order only where a surrogate meets U+E000..U+FFFF.</summary>
    private static int CompareCodePoints(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x == y) continue;
            if (char.IsSurrogate(x) != char.IsSurrogate(y) && Math.Max(x, y) >= 0xE000) return char.IsSurrogate(x) ? Greater : Less;
            return x.CompareTo(y);
        }
        return a.Length.CompareTo(b.Length);
    }

    private static int Flip(int order) => order is Less or Greater ? -order : order;

    private static int Sign(int value) => Math.Sign(value);
}
