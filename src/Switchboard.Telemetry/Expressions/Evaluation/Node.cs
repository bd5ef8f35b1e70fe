namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// One step of a compiled expression. Nodes are immutable and shared across threads; evaluating one returns a
/// <see cref="Value"/> (errors included) and never throws on data, so the proxy can run them per request.
/// </summary>
internal abstract class Node
{
    public abstract Value Evaluate(IAttributeSource source);
}

/// <summary>A value known at compile time: a literal, or a subtree folded because it reads no attribute.</summary>
internal sealed class ConstantNode(Value value) : Node
{
    public Value Value { get; } = value;

    public override Value Evaluate(IAttributeSource source) => Value;
}
