using Switchboard.Model;
using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.DestinationRules;

/// <summary>
/// Each subset's labels must select at least one pod of the host's service. The seed's typo incident:
/// subset <c>version: v2.0</c>, pods labelled <c>version: v2</c> — every request to the subset is 503 UH.
/// Pods come from Pods and Deployment templates; a service whose pods the config does not describe is skipped.
/// </summary>
public sealed class SubsetSelectsPodsAnalyzer : IAnalyzer
{
    public string Name => "destinationrule.PodNotSelectedAnalyzer";
    public string Description => "Checks that every DestinationRule subset selects at least one pod of its service";
    public IReadOnlyList<string> Inputs => ["DestinationRule", "Service", "Pod", "Deployment"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        foreach (var dr in mesh.OfKind<DestinationRuleSpec>("DestinationRule"))
        {
            if (dr.Spec.Host is not { Length: > 0 } host || dr.Spec.Subsets.Count == 0) continue;
            var fqdn = mesh.ResolveHost(host, dr.Namespace);
            var pods = mesh.ServicesFor(fqdn).SelectMany(mesh.WorkloadsOf).Distinct().ToList();
            if (pods.Count == 0) continue;
            for (var i = 0; i < dr.Spec.Subsets.Count; i++)
            {
                var subset = dr.Spec.Subsets[i];
                if (subset.Labels.Count == 0 || pods.Any(p => Selector.Matches(subset.Labels, p.Labels))) continue;
                context.Report(Catalogue.DestinationRuleSubsetNotSelectPods, dr, $"spec.subsets[{i}]", subset.Name, Hint(subset, pods, host));
            }
        }
    }

    /// <summary>Names the label values the service's pods do have, so a typo is visible at a glance.</summary>
    private static string Hint(Subset subset, List<Workload> pods, string host)
    {
        var parts = subset.Labels
            .Select(l => (l.Key, Values: pods.Select(p => p.Labels.GetValueOrDefault(l.Key)).Where(v => v is not null && v != l.Value).Distinct().Order(StringComparer.Ordinal).ToList()))
            .Where(x => x.Values.Count > 0)
            .Select(x => $"{x.Key}: {string.Join(" or ", x.Values)}")
            .ToList();
        return parts.Count == 0 ? $" (no pod of {host} has labels {Selector.Format(subset.Labels)})" : $" (pods of {host} have {string.Join("; ", parts)})";
    }
}
