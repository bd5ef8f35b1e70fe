using Switchboard.Config.Networking;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>A DestinationRule as it applies to one host: the rules of one namespace merged, as Istio merges them.</summary>
internal sealed record ResolvedRule(string Key, TrafficPolicy? TrafficPolicy, IReadOnlyList<Subset> Subsets);

/// <summary>
/// Finds the DestinationRule for a service host the way Istio's sidecar does:
/// 1. rules in the proxy's namespace (a rule whose workloadSelector matches the proxy first; exportTo does not
///    hide a rule from its own namespace);
/// 2. rules in the service's namespace exported to the proxy's namespace;
/// 3. rules in the root namespace exported to the proxy's namespace.
/// Within a namespace an exact host beats a wildcard, and a longer wildcard a shorter one. Several rules for the same
/// host in one namespace merge: the oldest rule's trafficPolicy wins, subsets are added unless the name is taken.
/// </summary>
internal sealed class DestinationRuleLookup(MeshSnapshot snapshot, ProxyNode node)
{
    public ResolvedRule? Find(ServiceModel service)
    {
        var found = InNamespace(node.Namespace, service.Host, local: true);
        if (found is null && service.Namespace != node.Namespace) found = InNamespace(service.Namespace, service.Host, local: false);
        var root = snapshot.Options.RootNamespace;
        if (found is null && root != node.Namespace && root != service.Namespace) found = InNamespace(root, service.Host, local: false);
        return found;
    }

    private ResolvedRule? InNamespace(string ns, string host, bool local)
    {
        var candidates = snapshot.DestinationRulesIn(ns)
            .Where(r => HostNames.Covers(r.Host, host))
            .Where(r => local || ExportTo.IsVisible(r.ExportTo, r.Namespace, node.Namespace))
            // A rule with a workloadSelector applies only to the selected workloads of its own namespace.
            .Where(r => r.Spec.WorkloadSelector is null || (local && Selector.Matches(r.Spec.WorkloadSelector.MatchLabels, node.Labels)))
            .ToList();
        if (candidates.Count == 0) return null;
        var bestHost = candidates.Select(r => r.Host).OrderBy(h => Specificity(h, host)).First();
        var sameHost = candidates.Where(r => r.Host == bestHost).ToList();
        var selected = sameHost.FirstOrDefault(r => r.Spec.WorkloadSelector is not null);
        return selected is not null ? Resolve([selected]) : Resolve(sameHost);
    }

    /// <summary>0 for the exact host; wildcards after it, longer (more specific) suffixes first.</summary>
    private static int Specificity(string pattern, string host) => pattern == host ? 0 : int.MaxValue - pattern.Length;

    private static ResolvedRule Resolve(IReadOnlyList<DestinationRuleModel> rules)
    {
        var policy = rules.Select(r => r.Spec.TrafficPolicy).FirstOrDefault(p => p is not null);
        var subsets = new List<Subset>();
        foreach (var subset in rules.SelectMany(r => r.Spec.Subsets))
        {
            if (subset.Name is { } name && subsets.All(s => s.Name != name)) subsets.Add(subset);
        }
        return new ResolvedRule(rules[0].Key, policy, subsets);
    }
}
