using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.VirtualServices;

/// <summary>Two VirtualServices bound to the mesh must not claim the same host: which one a sidecar uses is undefined.</summary>
public sealed class ConflictingMeshGatewayHostsAnalyzer : IAnalyzer
{
    public string Name => "virtualservice.ConflictingMeshGatewayHostsAnalyzer";
    public string Description => "Checks that no two mesh VirtualServices define the same host";
    public IReadOnlyList<string> Inputs => ["VirtualService"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        var byHost = new Dictionary<string, List<(Resource<VirtualServiceSpec> Vs, int Index)>>(StringComparer.Ordinal);
        foreach (var vs in mesh.OfKind<VirtualServiceSpec>("VirtualService"))
        {
            if (!RouteDestinations.BoundToMesh(vs.Spec)) continue;
            for (var i = 0; i < vs.Spec.Hosts.Count; i++)
            {
                var fqdn = mesh.ResolveHost(vs.Spec.Hosts[i], vs.Namespace);
                if (!byHost.TryGetValue(fqdn, out var list)) byHost[fqdn] = list = [];
                if (!list.Any(e => ReferenceEquals(e.Vs, vs))) list.Add((vs, i));
            }
        }
        foreach (var (host, claims) in byHost)
        {
            // VirtualServices exported to disjoint namespaces never meet in one sidecar.
            if (claims.Count < 2 || claims.All(c => c.Vs.Spec.ExportTo.SequenceEqual(["."]))) continue;
            var names = string.Join(",", claims.Select(c => $"{c.Vs.Namespace}/{c.Vs.Name}"));
            foreach (var (vs, index) in claims)
            {
                context.Report(Catalogue.ConflictingMeshGatewayVirtualServiceHosts, vs, $"spec.hosts[{index}]", names, host);
            }
        }
    }
}
