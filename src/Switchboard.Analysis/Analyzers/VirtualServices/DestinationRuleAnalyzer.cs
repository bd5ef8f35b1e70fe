using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.VirtualServices;

/// <summary>
/// A destination's subset must be defined by a DestinationRule for that host. The seed's silent-503
/// incident: the route names <c>v2-canary</c>, the rule defines <c>stable</c> and <c>canary</c>.
/// </summary>
public sealed class DestinationRuleAnalyzer : IAnalyzer
{
    public string Name => "virtualservice.DestinationRuleAnalyzer";
    public string Description => "Checks that subsets named by VirtualService destinations exist in a DestinationRule for the host";
    public IReadOnlyList<string> Inputs => ["VirtualService", "DestinationRule"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        foreach (var vs in mesh.OfKind<VirtualServiceSpec>("VirtualService"))
        {
            foreach (var (destination, path, isMirror) in RouteDestinations.Of(vs))
            {
                if (destination is not { Host.Length: > 0, Subset.Length: > 0 }) continue;
                var fqdn = mesh.ResolveHost(destination.Host!, vs.Namespace);
                if (SubsetIndex.Defines(mesh, fqdn, destination.Subset!)) continue;
                var defined = SubsetIndex.SubsetsFor(mesh, fqdn).ToList();
                var hint = defined.Count == 0
                    ? " (no DestinationRule defines subsets for this host)"
                    : $" (defined subsets: {string.Join(", ", defined)})";
                context.Report(Catalogue.ReferencedResourceNotFound, vs, path + ".subset",
                    isMirror ? "mirror+subset in destinationrule" : "host+subset in destinationrule", $"{destination.Host}+{destination.Subset}", hint);
            }
        }
    }
}
