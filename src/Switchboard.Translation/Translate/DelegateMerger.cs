using Switchboard.Config.Networking;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Merges a root rule that delegates with one rule of the delegate (reference/istio-api.md §1.1, <c>delegate</c>):
/// 1. matches: every delegate match is combined with every root match it does not contradict; a delegate match must
///    narrow the root's (same exact value, or a prefix/exact under the root's prefix; regex only when identical);
///    when both sides have matches and none combine, the rule is dropped;
/// 2. everything else: the delegate's setting, else the root's.
/// </summary>
internal static class DelegateMerger
{
    public static HttpRoute? Merge(HttpRoute root, HttpRoute inner)
    {
        IReadOnlyList<HttpMatchRequest> matches;
        if (root.Match.Count == 0) matches = inner.Match;
        else if (inner.Match.Count == 0) matches = root.Match;
        else
        {
            matches = inner.Match.SelectMany(d => root.Match.Where(r => !Conflicts(r, d)).Select(r => Combine(r, d))).ToList();
            if (matches.Count == 0) return null;
        }
        return inner with
        {
            Name = inner.Name ?? root.Name,
            Match = matches,
            Rewrite = inner.Rewrite ?? root.Rewrite,
            Timeout = inner.Timeout ?? root.Timeout,
            Retries = inner.Retries ?? root.Retries,
            Fault = inner.Fault ?? root.Fault,
            Mirror = inner.Mirror ?? (inner.Mirrors.Count == 0 ? root.Mirror : null),
            MirrorPercentage = inner.MirrorPercentage ?? root.MirrorPercentage,
            MirrorPercent = inner.MirrorPercent ?? root.MirrorPercent,
            Mirrors = inner.Mirrors.Count > 0 || inner.Mirror is not null ? inner.Mirrors : root.Mirrors,
            CorsPolicy = inner.CorsPolicy ?? root.CorsPolicy,
            Headers = inner.Headers ?? root.Headers,
        };
    }

    private static bool Conflicts(HttpMatchRequest root, HttpMatchRequest inner) =>
        !Narrows(root.Uri, inner.Uri) || !Narrows(root.Scheme, inner.Scheme) || !Narrows(root.Method, inner.Method)
        || !Narrows(root.Authority, inner.Authority)
        || (root.IgnoreUriCase is { } a && inner.IgnoreUriCase is { } b && a != b)
        || (root.Port is > 0 && inner.Port is > 0 && root.Port != inner.Port)
        || (!string.IsNullOrEmpty(root.SourceNamespace) && !string.IsNullOrEmpty(inner.SourceNamespace) && root.SourceNamespace != inner.SourceNamespace)
        || MapConflicts(root.Headers, inner.Headers) || MapConflicts(root.WithoutHeaders, inner.WithoutHeaders)
        || MapConflicts(root.QueryParams, inner.QueryParams)
        || root.SourceLabels.Any(l => inner.SourceLabels.TryGetValue(l.Key, out var v) && v != l.Value);

    private static bool MapConflicts(IReadOnlyDictionary<string, StringMatch> root, IReadOnlyDictionary<string, StringMatch> inner) =>
        root.Any(p => inner.TryGetValue(p.Key, out var other) && !Narrows(p.Value, other));

    /// <summary>True when <paramref name="inner"/> only matches what <paramref name="root"/> matches (or either is unset).</summary>
    private static bool Narrows(StringMatch? root, StringMatch? inner)
    {
        if (root is null || inner is null || root.IsEmpty || inner.IsEmpty) return true;
        if (root.Regex is not null || inner.Regex is not null) return root.Regex == inner.Regex;
        if (root.Exact is not null) return inner.Exact == root.Exact;
        var innerValue = inner.Exact ?? inner.Prefix!;
        return innerValue.StartsWith(root.Prefix!, StringComparison.Ordinal);
    }

    private static HttpMatchRequest Combine(HttpMatchRequest root, HttpMatchRequest inner) => new()
    {
        Name = string.IsNullOrEmpty(root.Name) ? inner.Name : string.IsNullOrEmpty(inner.Name) ? root.Name : $"{root.Name}-{inner.Name}",
        Uri = Pick(root.Uri, inner.Uri),
        Scheme = Pick(root.Scheme, inner.Scheme),
        Method = Pick(root.Method, inner.Method),
        Authority = Pick(root.Authority, inner.Authority),
        Headers = Union(root.Headers, inner.Headers),
        WithoutHeaders = Union(root.WithoutHeaders, inner.WithoutHeaders),
        QueryParams = Union(root.QueryParams, inner.QueryParams),
        Port = inner.Port is > 0 ? inner.Port : root.Port,
        SourceLabels = Union(root.SourceLabels, inner.SourceLabels),
        // The root binds the rule to gateways; a delegate's gateways are not consulted.
        Gateways = root.Gateways,
        SourceNamespace = string.IsNullOrEmpty(inner.SourceNamespace) ? root.SourceNamespace : inner.SourceNamespace,
        IgnoreUriCase = inner.IgnoreUriCase ?? root.IgnoreUriCase,
        StatPrefix = inner.StatPrefix ?? root.StatPrefix,
    };

    private static StringMatch? Pick(StringMatch? root, StringMatch? inner) => inner is { IsEmpty: false } ? inner : root;

    private static IReadOnlyDictionary<string, T> Union<T>(IReadOnlyDictionary<string, T> root, IReadOnlyDictionary<string, T> inner)
    {
        if (inner.Count == 0) return root;
        if (root.Count == 0) return inner;
        var merged = new Dictionary<string, T>(root, StringComparer.Ordinal);
        foreach (var (key, value) in inner) merged[key] = value;
        return merged;
    }
}
