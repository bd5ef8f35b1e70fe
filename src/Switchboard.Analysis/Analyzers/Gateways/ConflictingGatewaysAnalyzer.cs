using Switchboard.Model;
using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.Gateways;

/// <summary>Two Gateways on the same workloads (same selector) and port that claim overlapping hosts conflict: one of them loses.</summary>
public sealed class ConflictingGatewaysAnalyzer : IAnalyzer
{
    public string Name => "gateway.ConflictingGatewayAnalyzer";
    public string Description => "Finds Gateways with the same selector and port whose hosts overlap";
    public IReadOnlyList<string> Inputs => ["Gateway"];

    public void Analyze(AnalysisContext context)
    {
        var byListener = new Dictionary<(string Selector, uint Port), List<(Resource<GatewaySpec> Gateway, int Server)>>();
        foreach (var gateway in context.Mesh.OfKind<GatewaySpec>("Gateway"))
        {
            var selector = gateway.Spec.Selector is { } s ? Selector.Format(s) : "*";
            for (var i = 0; i < gateway.Spec.Servers.Count; i++)
            {
                if (gateway.Spec.Servers[i].Port?.Number is not { } port) continue;
                var key = (selector, port);
                if (!byListener.TryGetValue(key, out var list)) byListener[key] = list = [];
                list.Add((gateway, i));
            }
        }
        foreach (var ((selector, port), servers) in byListener)
        {
            for (var a = 0; a < servers.Count; a++)
            {
                var conflicts = new List<string>();
                var hosts = new SortedSet<string>(StringComparer.Ordinal);
                for (var b = 0; b < servers.Count; b++)
                {
                    if (ReferenceEquals(servers[a].Gateway, servers[b].Gateway)) continue;
                    var overlap = Hosts(servers[a]).Where(h => Hosts(servers[b]).Any(o => HostNames.Overlap(h, o))).ToList();
                    if (overlap.Count == 0) continue;
                    conflicts.Add($"{servers[b].Gateway.Namespace}/{servers[b].Gateway.Name}");
                    hosts.UnionWith(overlap);
                }
                if (conflicts.Count == 0) continue;
                var (gateway, server) = servers[a];
                context.Report(Catalogue.ConflictingGateways, gateway, $"spec.servers[{server}]", string.Join(",", conflicts.Distinct()), selector, port, string.Join(",", hosts));
            }
        }
    }

    private static IEnumerable<string> Hosts((Resource<GatewaySpec> Gateway, int Server) s) =>
        s.Gateway.Spec.Servers[s.Server].Hosts.Select(GatewayRefs.HostPart);
}
