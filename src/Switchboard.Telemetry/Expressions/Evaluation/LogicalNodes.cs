namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// <c>&amp;&amp;</c> as CEL defines it: commutative, so a false on either side wins over an error or a non-bool on the
/// other (<c>error &amp;&amp; false</c> is false); otherwise an error on either side is the result.
/// </summary>
internal sealed class AndNode(Node left, Node right) : Node
{
    public override Value Evaluate(IAttributeSource source)
    {
        var l = left.Evaluate(source);
        if (l.IsFalse) return l;
        var r = right.Evaluate(source);
        if (r.IsFalse) return r;
        return Logic.Combine(l, r);
    }
}

/// <summary><c>||</c>, the mirror of <see cref="AndNode"/>: a true on either side wins over an error on the other.</summary>
internal sealed class OrNode(Node left, Node right) : Node
{
    public override Value Evaluate(IAttributeSource source)
    {
        var l = left.Evaluate(source);
        if (l.IsTrue) return l;
        var r = right.Evaluate(source);
        if (r.IsTrue) return r;
        return Logic.Combine(l, r);
    }
}

/// <summary><c>!x</c>.</summary>
internal sealed class NotNode(Node operand) : Node
{
    public override Value Evaluate(IAttributeSource source)
    {
        var v = operand.Evaluate(source);
        return v.Kind == ValueKind.Bool ? Value.Bool(!v.IsTrue) : v.IsError ? v : Value.Error(EvaluationError.NoMatchingOverload);
    }
}

/// <summary><c>c ? a : b</c>: only the chosen branch is evaluated; a non-bool condition is an error.</summary>
internal sealed class ConditionalNode(Node condition, Node then, Node otherwise) : Node
{
    public override Value Evaluate(IAttributeSource source)
    {
        var c = condition.Evaluate(source);
        if (c.Kind == ValueKind.Bool) return c.IsTrue ? then.Evaluate(source) : otherwise.Evaluate(source);
        return c.IsError ? c : Value.Error(EvaluationError.NoMatchingOverload);
    }
}

/// <summary>The rest of <c>&amp;&amp;</c>/<c>||</c> once neither side decided the result.</summary>
internal static class Logic
{
    public static Value Combine(Value l, Value r)
    {
        if (l.Kind == ValueKind.Bool && r.Kind == ValueKind.Bool) return l; // equal here: both true for &&, both false for ||
        if (l.IsError) return l;
        if (r.IsError) return r;
        return Value.Error(EvaluationError.NoMatchingOverload);
    }
}
