using Switchboard.Telemetry.Expressions.Evaluation;

namespace Switchboard.Telemetry.Expressions.Checking;

/// <summary>A compiled subtree and the type the checker inferred for it.</summary>
internal readonly record struct Typed(Node Node, CelType Type)
{
    public bool IsConstant => Node is ConstantNode;
}
