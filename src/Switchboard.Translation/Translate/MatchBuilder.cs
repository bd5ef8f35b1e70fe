using Switchboard.Config.Networking;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Compiles an <c>HTTPMatchRequest</c> for one proxy and port. Conditions Istio decides at translation time filter
/// instead of matching: <c>gateways</c> (must include <c>mesh</c>), <c>sourceLabels</c> (a subset of the proxy's
/// labels), <c>sourceNamespace</c> (the proxy's namespace) and <c>port</c> (the route table's port); a match that fails
/// one is left out of this proxy's config. Request conditions become matchers: header names lower-cased (HTTP/2 sends
/// them so), <c>{}</c> (or regex <c>*</c>) meaning "present", <c>withoutHeaders</c> inverted.
/// </summary>
internal static class MatchBuilder
{
    // reference/istio-api.md §1.1: these keys in `headers` are ignored (they have fields of their own).
    private static readonly HashSet<string> IgnoredHeaderKeys = new(StringComparer.OrdinalIgnoreCase) { "uri", "scheme", "method", "authority" };

    /// <summary>The compiled match, or null when it does not apply to this proxy and port.</summary>
    public static RouteMatch? Build(HttpMatchRequest match, RouteScope scope)
    {
        if (!GatewayBinding.MatchApplies(match.Gateways, scope.Binding)) return null;
        if (!Selector.Matches(match.SourceLabels, scope.Node.Labels)) return null;
        if (!string.IsNullOrEmpty(match.SourceNamespace) && match.SourceNamespace != scope.Node.Namespace) return null;
        if (match.Port is > 0 and var port && port != (uint)scope.Port) return null;

        var headers = Keyed(match.Headers, invert: false, header: true).Concat(Keyed(match.WithoutHeaders, invert: true, header: true))
            .OrderBy(h => h.Name, StringComparer.Ordinal).ThenBy(h => h.Invert)
            .ToList();
        return new RouteMatch
        {
            Name = string.IsNullOrEmpty(match.Name) ? null : match.Name,
            // ignoreUriCase applies to exact and prefix only; a regex says (?i) itself.
            Path = Matcher(match.Uri, ignoreCase: match.IgnoreUriCase == true && match.Uri?.Regex is null),
            Method = Matcher(match.Method),
            Authority = Matcher(match.Authority),
            Scheme = Matcher(match.Scheme),
            Headers = headers,
            QueryParameters = Keyed(match.QueryParams, invert: false, header: false).OrderBy(q => q.Name, StringComparer.Ordinal).ToList(),
            Port = match.Port is > 0 ? (int)match.Port.Value : null,
        };
    }

    /// <summary>A StringMatch as a matcher; null when unset or empty (an empty match on a request field constrains nothing).</summary>
    public static StringMatcher? Matcher(StringMatch? match, bool ignoreCase = false)
    {
        if (match is null) return null;
        if (match.Exact is not null) return new StringMatcher(MatchKind.Exact, match.Exact, ignoreCase);
        if (match.Prefix is not null) return new StringMatcher(MatchKind.Prefix, match.Prefix, ignoreCase);
        if (match.Regex is not null) return new StringMatcher(MatchKind.Regex, match.Regex);
        return null;
    }

    /// <summary>
    /// True when the match accepts every request (no conditions but a <c>/</c> prefix or <c>.*</c> regex path): Istio
    /// stops translating rules after such a route, since later ones can never be reached.
    /// </summary>
    public static bool IsCatchAll(RouteMatch match) =>
        match.Path is null or { Kind: MatchKind.Prefix, Value: "/" } or { Kind: MatchKind.Regex, Value: ".*" }
        && match.Method is null && match.Authority is null && match.Scheme is null
        && match.Headers.Count == 0 && match.QueryParameters.Count == 0;

    private static IEnumerable<KeyedMatcher> Keyed(IReadOnlyDictionary<string, StringMatch> conditions, bool invert, bool header)
    {
        foreach (var (key, value) in conditions)
        {
            if (header && IgnoredHeaderKeys.Contains(key)) continue;
            // JWT claim keys (@request.auth.claims.*) keep their case: claim names are case-sensitive.
            var name = header && !key.StartsWith('@') ? key.ToLowerInvariant() : key;
            // `{}` means presence; so does regex "*", which is not RE2 and which Istio reads as "present" (istio/istio#20629).
            var matcher = value.IsEmpty || value.Regex == "*" ? new StringMatcher(MatchKind.Present) : Matcher(value)!;
            yield return new KeyedMatcher(name, matcher, invert);
        }
    }
}
