using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>
/// Checks a VirtualService beyond its types (reference/istio-api.md §1.1, Istio's validation [VAL]):
/// hosts and gateways, delegate rules, then every HTTP, TLS and TCP route.
/// </summary>
public sealed class VirtualServiceValidator : SpecValidator<VirtualServiceSpec>
{
    protected override void Validate(Resource<VirtualServiceSpec> resource, ValidationContext context)
    {
        var spec = resource.Spec;
        // A VirtualService without hosts is a delegate: it is only reachable through another one's delegate route.
        var isDelegate = spec.Hosts.Count == 0;
        if (isDelegate)
        {
            if (spec.Gateways.Count > 0) context.Error("spec.gateways", "a delegate VirtualService (one without hosts) must not set gateways");
            if (spec.Tls.Count > 0) context.Error("spec.tls", "a delegate VirtualService (one without hosts) cannot have tls routes");
            if (spec.Tcp.Count > 0) context.Error("spec.tcp", "a delegate VirtualService (one without hosts) cannot have tcp routes");
        }
        GatewayNameChecks.Validate(context, "spec.gateways", spec.Gateways);
        var appliesToMesh = spec.Gateways.Count == 0 || spec.Gateways.Contains(GatewayNameChecks.Mesh);
        Hosts(context, spec.Hosts, appliesToMesh);
        if (spec.Http.Count + spec.Tls.Count + spec.Tcp.Count == 0) context.Error("spec", "a VirtualService needs at least one http, tls or tcp route");

        for (var i = 0; i < spec.Http.Count; i++)
        {
            HttpRouteChecks.Validate(context, $"spec.http[{i}]", spec.Http[i], isDelegate);
            if (appliesToMesh) JwtClaimRoutesNeedGateway(context, $"spec.http[{i}]", spec.Http[i]);
        }
        for (var i = 0; i < spec.Tls.Count; i++) L4RouteChecks.Tls(context, $"spec.tls[{i}]", spec.Tls[i], spec.Hosts);
        for (var i = 0; i < spec.Tcp.Count; i++) L4RouteChecks.Tcp(context, $"spec.tcp[{i}]", spec.Tcp[i]);
        ExportToChecks.Validate(context, "spec.exportTo", spec.ExportTo);
    }

    private static void Hosts(ValidationContext context, IReadOnlyList<string> hosts, bool appliesToMesh)
    {
        var allValid = true;
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i];
            if (HostNames.IsIp(host))
            {
                if (appliesToMesh) context.Warning($"spec.hosts[{i}]", "IP address hosts only take effect on gateways, not on sidecars (mesh)");
                continue;
            }
            if (HostNames.CheckWildcardDomain(host) is { } error)
            {
                context.Error($"spec.hosts[{i}]", error);
                allValid = false;
            }
            else if (host == "*" && appliesToMesh)
            {
                context.Error($"spec.hosts[{i}]", "host \"*\" is not allowed for VirtualServices that apply to the mesh");
                allValid = false;
            }
        }
        if (!allValid) return;
        for (var i = 0; i < hosts.Count; i++)
        {
            for (var j = i + 1; j < hosts.Count; j++)
            {
                if (HostNames.Overlap(hosts[i], hosts[j])) context.Error($"spec.hosts[{j}]", $"host \"{hosts[j]}\" duplicates or overlaps host \"{hosts[i]}\"");
            }
        }
    }

    /// <summary>Routing on JWT claims needs the gateway's RequestAuthentication; sidecars cannot do it.</summary>
    private static void JwtClaimRoutesNeedGateway(ValidationContext context, string path, HttpRoute route)
    {
        for (var i = 0; i < route.Match.Count; i++)
        {
            foreach (var (field, map) in new[] { ("headers", route.Match[i].Headers), ("withoutHeaders", route.Match[i].WithoutHeaders) })
            {
                foreach (var name in map.Keys.Where(HeaderChecks.IsJwtClaimRoute))
                {
                    context.Error($"{path}.match[{i}].{field}[{name}]", "JWT claim routing is only supported on gateways; this VirtualService applies to the mesh");
                }
            }
        }
    }
}
