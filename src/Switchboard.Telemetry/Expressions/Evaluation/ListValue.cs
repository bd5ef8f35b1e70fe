using System.Collections.Immutable;

namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>An immutable CEL list; list literals of constants are built once, when the expression is compiled.</summary>
internal sealed class ListValue(ImmutableArray<Value> items)
{
    public ImmutableArray<Value> Items { get; } = items;
}
