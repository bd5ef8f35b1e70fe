using System.Net;
using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using Switchboard.Runtime.Network;

namespace Switchboard.Runtime.Up;

/// <summary>One gateway Service port exposed on the host: where it listens and the gateway pod ports behind it.</summary>
public sealed record GatewayExposure(string Service, int ServicePort, int HostPort, IReadOnlyList<IPEndPoint> Targets);

/// <summary>
/// Which ports <c>sbctl up</c> exposes on the host's loopback: every port of every Service that selects gateway pods
/// (e.g. istio-ingressgateway 443 → 127.0.0.1:8443), forwarded to those pods at the port's targetPort. Pure, so it is
/// tested without root.
/// </summary>
public static class GatewayExposurePlan
{
    public static IReadOnlyList<GatewayExposure> Plan(IReadOnlyList<Resource> resources, IReadOnlyList<PlannedPod> pods, int offset = 8000)
    {
        var plan = new List<GatewayExposure>();
        foreach (var service in resources.OfType<Resource<ServiceSpec>>().OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            if (service.Spec.Selector is not { Count: > 0 } selector) continue;
            var gateways = pods.Where(p => p.IsGateway && p.Namespace == service.Namespace && selector.All(l => p.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToList();
            if (gateways.Count == 0) continue;
            foreach (var port in service.Spec.Ports)
            {
                if (port.Port is not { } number) continue;
                // A named targetPort cannot be resolved here (gateway pods declare numbers): the port number then, as Kubernetes defaults it.
                var target = port.TargetPort?.Number ?? number;
                plan.Add(new GatewayExposure($"{service.Namespace}/{service.Name}", number, LoopbackForwarder.HostPortFor(number, offset),
                    gateways.Select(g => new IPEndPoint(g.Address, target)).ToList()));
            }
        }
        return plan;
    }
}
