namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>Indexing, field selection and <c>in</c> over list and map values (not attribute maps, which are lookups).</summary>
internal static class Collections
{
    private static readonly Value NoOverload = Value.Error(EvaluationError.NoMatchingOverload);

    public static Value Index(Value container, Value index)
    {
        if (container.IsError) return container;
        if (index.IsError) return index;
        return container.Kind switch
        {
            ValueKind.List => ListIndex((ListValue)container.Reference!, index),
            ValueKind.Map => ((MapValue)container.Reference!).TryGet(index, out var value) ? value : value,
            _ => NoOverload,
        };
    }

    /// <summary><c>m.field</c> on a map value is <c>m['field']</c>.</summary>
    public static Value Field(Value container, string field) => container.Kind switch
    {
        ValueKind.Map => ((MapValue)container.Reference!).TryGet(Value.String(field), out var value) ? value : value,
        ValueKind.Error => container,
        _ => NoOverload,
    };

    /// <summary><c>has(m.field)</c> on a map value.</summary>
    public static Value HasField(Value container, string field) => container.Kind switch
    {
        ValueKind.Map => Value.Bool(((MapValue)container.Reference!).TryGet(Value.String(field), out _)),
        ValueKind.Error => container,
        _ => NoOverload,
    };

    public static Value In(Value item, Value container)
    {
        if (item.IsError) return item;
        if (container.IsError) return container;
        switch (container.Kind)
        {
            case ValueKind.List:
                foreach (var element in ((ListValue)container.Reference!).Items)
                {
                    if (Equality.AreEqual(item, element)) return Value.True;
                }
                return Value.False;
            case ValueKind.Map:
                return Value.Bool(((MapValue)container.Reference!).TryGet(item, out _));
            default:
                return NoOverload;
        }
    }

    /// <summary>Lists take int or uint indexes, and doubles that are whole numbers (heterogeneous numbers, as for map keys).</summary>
    private static Value ListIndex(ListValue list, Value index)
    {
        long i;
        switch (index.Kind)
        {
            case ValueKind.Int:
                i = index.Bits;
                break;
            case ValueKind.Uint:
                i = (ulong)index.Bits > int.MaxValue ? -1 : index.Bits;
                break;
            case ValueKind.Double when Math.Truncate(index.AsDouble) == index.AsDouble && Math.Abs(index.AsDouble) < int.MaxValue:
                i = (long)index.AsDouble;
                break;
            default:
                return NoOverload;
        }
        return i >= 0 && i < list.Items.Length ? list.Items[(int)i] : Value.Error(EvaluationError.IndexOutOfRange);
    }
}
