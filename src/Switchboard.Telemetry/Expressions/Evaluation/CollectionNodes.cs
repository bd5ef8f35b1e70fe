using System.Collections.Immutable;

namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>A list literal with at least one non-constant item (constant lists are folded at compile time).</summary>
internal sealed class ListNode(ImmutableArray<Node> items) : Node
{
    public override Value Evaluate(IAttributeSource source)
    {
        var values = ImmutableArray.CreateBuilder<Value>(items.Length);
        foreach (var item in items)
        {
            var v = item.Evaluate(source);
            if (v.IsError) return v;
            values.Add(v);
        }
        return Value.List(new ListValue(values.MoveToImmutable()));
    }
}

/// <summary>A map literal with at least one non-constant key or value.</summary>
internal sealed class MapNode(ImmutableArray<(Node Key, Node Value)> entries) : Node
{
    public override Value Evaluate(IAttributeSource source)
    {
        var values = ImmutableArray.CreateBuilder<(Value, Value)>(entries.Length);
        foreach (var (key, value) in entries)
        {
            var k = key.Evaluate(source);
            if (k.IsError) return k;
            var v = value.Evaluate(source);
            if (v.IsError) return v;
            values.Add((k, v));
        }
        return MapValue.Create(values.MoveToImmutable());
    }
}

/// <summary><c>list[i]</c> or <c>map[k]</c> on a value (attribute maps use <see cref="EntryNode"/>).</summary>
internal sealed class IndexNode(Node container, Node index) : Node
{
    public override Value Evaluate(IAttributeSource source) => Collections.Index(container.Evaluate(source), index.Evaluate(source));
}

/// <summary><c>m.field</c>, or <c>has(m.field)</c> with <paramref name="presence"/>, on a map value.</summary>
internal sealed class FieldNode(Node container, string field, bool presence) : Node
{
    public override Value Evaluate(IAttributeSource source)
    {
        var v = container.Evaluate(source);
        return presence ? Collections.HasField(v, field) : Collections.Field(v, field);
    }
}
