using System.Text.Json;

namespace Switchboard.Authorization.Matching;

/// <summary>
/// Reads <c>request.auth.claims[a][b]…</c> from a verified token payload: each bracket walks one object level.
/// A string claim gives one value; a list gives each of its elements (a condition matches if any element does);
/// numbers and booleans compare by their JSON text (<c>"true"</c>, <c>"42"</c>). <c>scope</c> and <c>permission</c>
/// at the top level are space-delimited lists (RequestAuthentication, istio-api.md §2.3).
/// </summary>
internal static class ClaimLookup
{
    /// <summary>The claim path inside <c>request.auth.claims[…]</c>, or null when the key is malformed.</summary>
    public static IReadOnlyList<string>? ParsePath(string key, string prefix)
    {
        var names = new List<string>();
        var rest = key.AsSpan(prefix.Length - 1);
        while (rest.Length > 0)
        {
            if (rest[0] != '[') return null;
            var close = rest.IndexOf(']');
            if (close <= 1) return null;
            names.Add(rest[1..close].ToString());
            rest = rest[(close + 1)..];
        }
        return names.Count == 0 ? null : names;
    }

    public static IReadOnlyList<string> Values(JsonElement? claims, IReadOnlyList<string> path)
    {
        if (claims is not { ValueKind: JsonValueKind.Object } current) return [];
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next)) return [];
            current = next;
        }
        var spaceDelimited = path.Count == 1 && path[0] is "scope" or "permission";
        return current.ValueKind switch
        {
            JsonValueKind.String when spaceDelimited => current.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            JsonValueKind.Array => current.EnumerateArray().Select(Scalar).OfType<string>().ToList(),
            _ => Scalar(current) is { } one ? [one] : [],
        };
    }

    private static string? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => e.GetRawText(),
        _ => null,
    };
}
