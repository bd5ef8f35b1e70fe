namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// CEL equality (cel-spec langdef.md, "Equality"): heterogeneous, so values of different kinds are simply unequal,
/// except numbers, which compare by mathematical value across int, uint and double (NaN equals nothing).
/// </summary>
internal static class Equality
{
    public static Value Equal(Value a, Value b) => a.IsError ? a : b.IsError ? b : Value.Bool(AreEqual(a, b));

    public static Value NotEqual(Value a, Value b) => a.IsError ? a : b.IsError ? b : Value.Bool(!AreEqual(a, b));

    public static bool AreEqual(Value a, Value b)
    {
        if (Comparison.IsNumber(a) && Comparison.IsNumber(b)) return Comparison.Compare(a, b) == Comparison.Same;
        if (a.Kind != b.Kind) return false;
        return a.Kind switch
        {
            ValueKind.Null => true,
            ValueKind.Bool or ValueKind.Timestamp or ValueKind.Duration => a.Bits == b.Bits,
            ValueKind.String => string.Equals((string)a.Reference!, (string)b.Reference!, StringComparison.Ordinal),
            ValueKind.List => ListsEqual((ListValue)a.Reference!, (ListValue)b.Reference!),
            ValueKind.Map => MapsEqual((MapValue)a.Reference!, (MapValue)b.Reference!),
            _ => false,
        };
    }

    private static bool ListsEqual(ListValue a, ListValue b)
    {
        if (a.Items.Length != b.Items.Length) return false;
        for (var i = 0; i < a.Items.Length; i++)
        {
            if (!AreEqual(a.Items[i], b.Items[i])) return false;
        }
        return true;
    }

    private static bool MapsEqual(MapValue a, MapValue b)
    {
        if (a.Entries.Length != b.Entries.Length) return false;
        foreach (var (key, value) in a.Entries)
        {
            if (!b.TryGet(key, out var other) || !AreEqual(value, other)) return false;
        }
        return true;
    }
}
