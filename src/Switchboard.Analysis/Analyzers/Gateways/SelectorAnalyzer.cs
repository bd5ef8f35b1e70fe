using Switchboard.Model;
using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.Gateways;

/// <summary>
/// A Gateway only configures proxies its selector matches; with no such workload it does nothing (the
/// seed's "the Gateway CRD only configures — you need the actual pod"). When the workload exists, each
/// server port should be exposed by the gateway's Service, or external clients cannot reach it (IST0162).
/// </summary>
public sealed class SelectorAnalyzer : IAnalyzer
{
    public string Name => "gateway.IngressGatewayPortAnalyzer";
    public string Description => "Checks that a Gateway's selector matches a gateway workload whose Service exposes the server ports";
    public IReadOnlyList<string> Inputs => ["Gateway", "Pod", "Deployment", "Service"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        if (mesh.Workloads.Count == 0) return; // nothing is known about workloads: nothing to compare against
        foreach (var gateway in mesh.OfKind<GatewaySpec>("Gateway"))
        {
            var workloads = GatewayWorkloads.Of(mesh, gateway);
            if (workloads is null) continue;
            if (workloads.Count == 0)
            {
                context.Report(Catalogue.ReferencedResourceNotFound, gateway, "spec.selector", "selector", Selector.Format(gateway.Spec.Selector!),
                    " (no gateway workload has these labels; deploy the gateway, e.g. istio-ingressgateway)");
                continue;
            }
            var services = mesh.OfKind<Config.Kubernetes.ServiceSpec>("Service")
                .Where(s => s.Spec.Selector is { Count: > 0 } sel && workloads.Any(w => w.Namespace == s.Namespace && Selector.Matches(sel, w.Labels)))
                .ToList();
            if (services.Count == 0) continue;
            var exposed = services.SelectMany(s => s.Spec.Ports)
                .SelectMany(p => new[] { p.Port, p.TargetPort?.Number })
                .OfType<int>()
                .ToHashSet();
            for (var i = 0; i < gateway.Spec.Servers.Count; i++)
            {
                var number = gateway.Spec.Servers[i].Port?.Number;
                if (number is null || exposed.Contains((int)number)) continue;
                context.Report(Catalogue.GatewayPortNotDefinedOnService, gateway, $"spec.servers[{i}].port", number, Selector.Format(gateway.Spec.Selector!));
            }
        }
    }
}
