using Switchboard.Telemetry.Expressions.Syntax;

namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// A strict binary operator: both operands are evaluated (left first; a left error short-cuts, since the result is
/// an error either way) and the operator table does the rest.
/// </summary>
internal sealed class BinaryNode(BinaryOp op, Node left, Node right) : Node
{
    public override Value Evaluate(IAttributeSource source)
    {
        var l = left.Evaluate(source);
        if (l.IsError) return l;
        var r = right.Evaluate(source);
        return op switch
        {
            BinaryOp.Equal => Equality.Equal(l, r),
            BinaryOp.NotEqual => Equality.NotEqual(l, r),
            BinaryOp.Less or BinaryOp.LessEqual or BinaryOp.Greater or BinaryOp.GreaterEqual => Comparison.Relation(op, l, r),
            BinaryOp.In => Collections.In(l, r),
            _ => Arithmetic.Apply(op, l, r),
        };
    }
}

/// <summary>Unary minus.</summary>
internal sealed class NegateNode(Node operand) : Node
{
    public override Value Evaluate(IAttributeSource source) => Arithmetic.Negate(operand.Evaluate(source));
}
