namespace Switchboard.Telemetry.Expressions.Syntax;

/// <summary>CEL's binary operators, loosest-binding group first (cel-spec syntax.md, "Operator precedence").</summary>
internal enum BinaryOp
{
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    In,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}

/// <summary>CEL's prefix operators.</summary>
internal enum UnaryOp
{
    Not,
    Negate,
}

/// <summary>Operator spellings for messages and the printer.</summary>
internal static class OperatorText
{
    public static string Of(BinaryOp op) => op switch
    {
        BinaryOp.Or => "||",
        BinaryOp.And => "&&",
        BinaryOp.Equal => "==",
        BinaryOp.NotEqual => "!=",
        BinaryOp.Less => "<",
        BinaryOp.LessEqual => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterEqual => ">=",
        BinaryOp.In => "in",
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        _ => "%",
    };

    public static string Of(UnaryOp op) => op == UnaryOp.Not ? "!" : "-";
}
