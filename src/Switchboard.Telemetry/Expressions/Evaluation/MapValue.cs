using System.Collections.Immutable;

namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// An immutable CEL map from a map literal. Literals in filters are tiny, so lookup is a scan with CEL equality
/// (which makes <c>{1: 'a'}[1u]</c> find its entry, as heterogeneous equality requires).
/// </summary>
internal sealed class MapValue
{
    private MapValue(ImmutableArray<(Value Key, Value Value)> entries) => Entries = entries;

    public ImmutableArray<(Value Key, Value Value)> Entries { get; }

    /// <summary>A map value, or an error when a key is not int, uint, bool or string, or appears twice.</summary>
    public static Value Create(ImmutableArray<(Value Key, Value Value)> entries)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Key.Kind is not (ValueKind.Int or ValueKind.Uint or ValueKind.Bool or ValueKind.String))
            {
                return Value.Error(EvaluationError.NoMatchingOverload);
            }
            for (var j = 0; j < i; j++)
            {
                if (Equality.AreEqual(entries[i].Key, entries[j].Key)) return Value.Error(EvaluationError.DuplicateKey);
            }
        }
        return Value.Map(new MapValue(entries));
    }

    public bool TryGet(Value key, out Value value)
    {
        foreach (var entry in Entries)
        {
            if (!Equality.AreEqual(entry.Key, key)) continue;
            value = entry.Value;
            return true;
        }
        value = Value.Error(EvaluationError.NoSuchKey);
        return false;
    }
}
