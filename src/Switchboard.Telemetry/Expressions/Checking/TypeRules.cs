using Switchboard.Telemetry.Expressions.Syntax;

namespace Switchboard.Telemetry.Expressions.Checking;

/// <summary>
/// The operator overloads of cel-spec langdef.md ("List of Standard Definitions") at the type level: the result
/// type, or null when no overload takes the operand types. <see cref="CelType.Dyn"/> defers the check to run time.
/// Numbers compare across int, uint and double (cel-spec "heterogeneous equality"), but arithmetic needs one type.
/// </summary>
internal static class TypeRules
{
    public static bool IsNumber(CelType t) => t is CelType.Int or CelType.Uint or CelType.Double;

    public static CelType? Binary(BinaryOp op, CelType l, CelType r)
    {
        var dyn = l == CelType.Dyn || r == CelType.Dyn;
        return op switch
        {
            BinaryOp.And or BinaryOp.Or => Accepts(l, CelType.Bool) && Accepts(r, CelType.Bool) ? CelType.Bool : null,
            BinaryOp.Equal or BinaryOp.NotEqual => dyn || l == r || (IsNumber(l) && IsNumber(r)) ? CelType.Bool : null,
            BinaryOp.Less or BinaryOp.LessEqual or BinaryOp.Greater or BinaryOp.GreaterEqual =>
                dyn || (IsNumber(l) && IsNumber(r)) || (l == r && l is CelType.String or CelType.Bool or CelType.Timestamp or CelType.Duration) ? CelType.Bool : null,
            BinaryOp.In => r is CelType.List or CelType.Map or CelType.Dyn ? CelType.Bool : null,
            _ when dyn => CelType.Dyn,
            BinaryOp.Add => Add(l, r),
            BinaryOp.Subtract => Subtract(l, r),
            BinaryOp.Modulo => l == r && l is CelType.Int or CelType.Uint ? l : null,
            _ => l == r && IsNumber(l) ? l : null,
        };
    }

    public static CelType? Unary(UnaryOp op, CelType t) => op switch
    {
        UnaryOp.Not => Accepts(t, CelType.Bool) ? CelType.Bool : null,
        _ => t is CelType.Int or CelType.Double or CelType.Duration or CelType.Dyn ? t : null,
    };

    /// <summary>Whether a value of static type <paramref name="actual"/> may be a <paramref name="wanted"/> at run time.</summary>
    public static bool Accepts(CelType actual, CelType wanted) => actual == wanted || actual == CelType.Dyn || wanted == CelType.Dyn;

    /// <summary>CEL's spelling of a type, for messages.</summary>
    public static string Name(CelType t) => t switch
    {
        CelType.Null => "null",
        CelType.Bool => "bool",
        CelType.Int => "int",
        CelType.Uint => "uint",
        CelType.Double => "double",
        CelType.String => "string",
        CelType.Timestamp => "timestamp",
        CelType.Duration => "duration",
        CelType.List => "list",
        CelType.Map => "map",
        _ => "dyn",
    };

    private static CelType? Add(CelType l, CelType r) => (l, r) switch
    {
        (CelType.Timestamp, CelType.Duration) or (CelType.Duration, CelType.Timestamp) => CelType.Timestamp,
        _ when l == r && (IsNumber(l) || l is CelType.String or CelType.List or CelType.Duration) => l,
        _ => null,
    };

    private static CelType? Subtract(CelType l, CelType r) => (l, r) switch
    {
        (CelType.Timestamp, CelType.Timestamp) => CelType.Duration,
        (CelType.Timestamp, CelType.Duration) => CelType.Timestamp,
        _ when l == r && (IsNumber(l) || l == CelType.Duration) => l,
        _ => null,
    };
}
