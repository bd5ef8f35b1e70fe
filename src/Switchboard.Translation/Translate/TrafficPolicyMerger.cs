using Switchboard.Config.Networking;

namespace Switchboard.Translation.Translate;

/// <summary>The four traffic-policy parts that Istio resolves per cluster.</summary>
internal sealed record MergedPolicy(LoadBalancerSettings? LoadBalancer, ConnectionPoolSettings? ConnectionPool,
    OutlierDetection? OutlierDetection, ClientTlsSettings? Tls)
{
    public static MergedPolicy Empty { get; } = new(null, null, null, null);
}

/// <summary>
/// Resolves a cluster's traffic policy as Istio merges a DestinationRule's layers
/// (reference/istio-api.md §1.2; pilot's MergeTrafficPolicy):
/// 1. start from the rule-level policy;
/// 2. a rule-level <c>portLevelSettings</c> entry for the port replaces all four parts (port-level settings do not
///    inherit: what the entry leaves out falls back to the defaults, not to the rule-level value);
/// 3. for a subset cluster, each part the subset's policy sets replaces the result so far;
/// 4. a subset-level <c>portLevelSettings</c> entry for the port again replaces all four parts.
/// So a subset overrides the rule's port-level settings part by part, and its own port-level entry wins over all.
/// </summary>
internal static class TrafficPolicyMerger
{
    public static MergedPolicy Merge(TrafficPolicy? rule, TrafficPolicy? subset, int port)
    {
        var merged = rule is null ? MergedPolicy.Empty : ApplyPort(Parts(rule), rule, port);
        if (subset is null) return merged;
        merged = new MergedPolicy(
            subset.LoadBalancer ?? merged.LoadBalancer,
            subset.ConnectionPool ?? merged.ConnectionPool,
            subset.OutlierDetection ?? merged.OutlierDetection,
            subset.Tls ?? merged.Tls);
        return ApplyPort(merged, subset, port);
    }

    private static MergedPolicy Parts(TrafficPolicy policy) => new(policy.LoadBalancer, policy.ConnectionPool, policy.OutlierDetection, policy.Tls);

    private static MergedPolicy ApplyPort(MergedPolicy current, TrafficPolicy policy, int port)
    {
        var entry = policy.PortLevelSettings.FirstOrDefault(p => p.Port is { } selector && selector.Number == (uint)port);
        return entry is null ? current : new MergedPolicy(entry.LoadBalancer, entry.ConnectionPool, entry.OutlierDetection, entry.Tls);
    }
}
