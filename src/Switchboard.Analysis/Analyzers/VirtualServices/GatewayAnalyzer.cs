using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.VirtualServices;

/// <summary>A VirtualService's gateways must exist, and its hosts must be among the hosts those gateways serve.</summary>
public sealed class GatewayAnalyzer : IAnalyzer
{
    public string Name => "virtualservice.GatewayAnalyzer";
    public string Description => "Checks that VirtualService gateways exist and serve the VirtualService's hosts";
    public IReadOnlyList<string> Inputs => ["VirtualService", "Gateway"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        foreach (var vs in mesh.OfKind<VirtualServiceSpec>("VirtualService"))
        {
            foreach (var (reference, path) in GatewayRefs.Of(vs.Spec))
            {
                var (ns, name) = GatewayRefs.Parse(reference, vs.Namespace);
                var gateway = GatewayRefs.Find(mesh, ns, name);
                if (gateway is null)
                {
                    context.Report(Catalogue.ReferencedResourceNotFound, vs, path, "gateway", reference, "");
                    continue;
                }
                var missing = vs.Spec.Hosts
                    .Where(h => !gateway.Spec.Servers.Any(s => s.Hosts.Any(sh => GatewayRefs.Admits(sh, gateway.Namespace, h, vs.Namespace))))
                    .ToList();
                if (missing.Count > 0 && path.StartsWith("spec.gateways", StringComparison.Ordinal))
                {
                    context.Report(Catalogue.VirtualServiceHostNotFoundInGateway, vs, path, string.Join(" ", missing), $"{vs.Namespace}/{vs.Name}", $"{gateway.Namespace}/{gateway.Name}");
                }
            }
        }
    }
}
