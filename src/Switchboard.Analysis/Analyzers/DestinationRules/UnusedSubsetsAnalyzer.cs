using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.DestinationRules;

/// <summary>
/// Subset policies take effect only when a route names the subset. A DestinationRule whose host has no
/// VirtualService and whose subsets no route references is dead config (often a leftover of a finished canary).
/// </summary>
public sealed class UnusedSubsetsAnalyzer : IAnalyzer
{
    public string Name => "destinationrule.UnusedSubsetsAnalyzer";
    public string Description => "Finds DestinationRule subsets no VirtualService routes to";
    public IReadOnlyList<string> Inputs => ["DestinationRule", "VirtualService"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        var routedHosts = new HashSet<string>(StringComparer.Ordinal);
        var referenced = new HashSet<(string Host, string Subset)>();
        foreach (var vs in mesh.OfKind<VirtualServiceSpec>("VirtualService"))
        {
            foreach (var host in vs.Spec.Hosts) routedHosts.Add(mesh.ResolveHost(host, vs.Namespace));
            foreach (var (destination, _, _) in RouteDestinations.Of(vs))
            {
                if (destination is { Host.Length: > 0, Subset.Length: > 0 })
                    referenced.Add((mesh.ResolveHost(destination.Host!, vs.Namespace), destination.Subset!));
            }
        }
        foreach (var dr in mesh.OfKind<DestinationRuleSpec>("DestinationRule"))
        {
            if (dr.Spec.Host is not { Length: > 0 } host || dr.Spec.Subsets.Count == 0) continue;
            var fqdn = mesh.ResolveHost(host, dr.Namespace);
            if (routedHosts.Contains(fqdn)) continue;
            var names = dr.Spec.Subsets.Select(s => s.Name ?? "").Where(n => n.Length > 0).ToList();
            if (names.Any(n => referenced.Contains((fqdn, n)))) continue;
            context.Report(Catalogue.UnusedDestinationRuleSubsets, dr, "spec.subsets", string.Join(", ", names), host);
        }
    }
}
