using System.Text.Json;

namespace Switchboard.Authorization.Matching;

/// <summary>
/// A VirtualService header match on a JWT claim (<c>@request.auth.claims.groups</c>, nested as
/// <c>@request.auth.claims.a.b</c> or <c>@request.auth.claims[a][b]</c>; istio-api.md §1.1). The claim is read from the
/// token the proxy verified, by the same lookup authorization's <c>request.auth.claims[…]</c> uses, so a route and a
/// policy never disagree about what a claim holds.
/// </summary>
public static class ClaimRouteKey
{
    private const string Prefix = "@request.auth.claims";

    /// <summary>The claim path named by a header-match key, or null when the key is not a claim key (or malformed).</summary>
    public static IReadOnlyList<string>? Parse(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var rest = key[Prefix.Length..];
        if (rest.StartsWith('.'))
        {
            var names = rest[1..].Split('.');
            return names.All(n => n.Length > 0) ? names : null;
        }
        return rest.StartsWith('[') ? ClaimLookup.ParsePath(key, Prefix + "[") : null;
    }

    /// <summary>
    /// The claim's values: a string gives one, a list each element (a match holds if any element matches), a number or
    /// boolean its JSON text. No verified token, or no such claim, gives none.
    /// </summary>
    public static IReadOnlyList<string> Values(JsonElement? claims, IReadOnlyList<string> path) => ClaimLookup.Values(claims, path);
}
