using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Checks a Sidecar beyond its types (reference/istio-api.md §1.6): listeners, egress hosts, outbound policy.</summary>
public sealed class SidecarValidator : SpecValidator<SidecarSpec>
{
    protected override void Validate(Resource<SidecarSpec> resource, ValidationContext context)
    {
        var spec = resource.Spec;
        if (spec.WorkloadSelector is { } selector) LabelChecks.WorkloadSelector(context, "spec.workloadSelector.labels", selector.Labels);
        if (spec.Ingress.Count == 0 && spec.Egress.Count == 0 && spec.OutboundTrafficPolicy is null && spec.InboundConnectionPool is null)
        {
            context.Error("spec", "a Sidecar needs at least one of ingress, egress, outboundTrafficPolicy or inboundConnectionPool");
        }
        var ports = new HashSet<uint>();
        for (var i = 0; i < spec.Ingress.Count; i++) SidecarListenerChecks.Ingress(context, $"spec.ingress[{i}]", spec.Ingress[i], ports);
        ConnectionPoolChecks.Validate(context, "spec.inboundConnectionPool", spec.InboundConnectionPool);
        ports.Clear();
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Egress.Count; i++)
        {
            var egress = spec.Egress[i];
            // The listener without a port catches everything else, so only one may exist and it must come last.
            if (egress.Port is null && i != spec.Egress.Count - 1) context.Error($"spec.egress[{i}]", "only the last egress listener may omit port (the catch-all listener)");
            SidecarListenerChecks.Egress(context, $"spec.egress[{i}]", egress, ports, sockets);
        }
        Outbound(context, "spec.outboundTrafficPolicy", spec.OutboundTrafficPolicy);
    }

    private static void Outbound(ValidationContext context, string path, OutboundTrafficPolicy? policy)
    {
        if (policy?.EgressProxy is not { } proxy) return;
        // An absent mode is REGISTRY_ONLY, the proto default.
        if (policy.Mode != OutboundTrafficPolicyMode.AllowAny) context.Error($"{path}.egressProxy", "egressProxy can only be set with mode ALLOW_ANY");
        if (!string.IsNullOrEmpty(proxy.Host) && HostNames.CheckFqdn(proxy.Host) is { } error) context.Error($"{path}.egressProxy.host", error);
        if (proxy.Port is null) context.Error($"{path}.egressProxy.port", "egressProxy needs a port");
        RouteDestinationChecks.Destination(context, $"{path}.egressProxy", proxy);
    }
}
