namespace Switchboard.Telemetry.Expressions.Evaluation;

/// <summary>
/// CEL's string functions (cel-spec langdef.md, "List of Standard Definitions"): <c>startsWith</c>,
/// <c>endsWith</c>, <c>contains</c> compare ordinally, and <c>size</c> counts code points, not UTF-16 units.
/// </summary>
internal static class TextFunctions
{
    private static readonly Value NoOverload = Value.Error(EvaluationError.NoMatchingOverload);

    public static Value StartsWith(Value s, Value prefix) =>
        Strings(s, prefix, out var a, out var b, out var error) ? Value.Bool(a.StartsWith(b, StringComparison.Ordinal)) : error;

    public static Value EndsWith(Value s, Value suffix) =>
        Strings(s, suffix, out var a, out var b, out var error) ? Value.Bool(a.EndsWith(b, StringComparison.Ordinal)) : error;

    public static Value Contains(Value s, Value part) =>
        Strings(s, part, out var a, out var b, out var error) ? Value.Bool(a.Contains(b, StringComparison.Ordinal)) : error;

    public static Value Size(Value v) => v.Kind switch
    {
        ValueKind.String => Value.Int(CodePoints((string)v.Reference!)),
        ValueKind.List => Value.Int(((ListValue)v.Reference!).Items.Length),
        ValueKind.Map => Value.Int(((MapValue)v.Reference!).Entries.Length),
        ValueKind.Error => v,
        _ => NoOverload,
    };

    /// <summary>Both strings, or the error the call evaluates to (the first operand's error wins).</summary>
    internal static bool Strings(Value a, Value b, out string left, out string right, out Value error)
    {
        left = right = "";
        error = a.IsError ? a : b.IsError ? b : NoOverload;
        if (a.Kind != ValueKind.String || b.Kind != ValueKind.String) return false;
        left = (string)a.Reference!;
        right = (string)b.Reference!;
        return true;
    }

    private static int CodePoints(string s)
    {
        var count = s.Length;
        for (var i = 0; i + 1 < s.Length; i++)
        {
            if (!char.IsSurrogatePair(s[i], s[i + 1])) continue;
            count--;
            i++;
        }
        return count;
    }
}
