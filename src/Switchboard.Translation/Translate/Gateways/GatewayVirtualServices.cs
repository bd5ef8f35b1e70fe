using Switchboard.Model;

namespace Switchboard.Translation.Translate.Gateways;

/// <summary>
/// The VirtualServices that reach one Gateway server: exported to the gateway proxy's namespace, bound to the Gateway
/// (top-level or in some match), allowed by the server's <c>namespace/</c> host prefixes, with hosts that meet the
/// server's hosts. Oldest first, each with the names it serves there.
/// </summary>
internal static class GatewayVirtualServices
{
    public static IEnumerable<(VirtualServiceModel VirtualService, IReadOnlyList<string> Names)> For(RouteContext context, string gateway, IReadOnlyList<GatewayServerHost> hosts)
    {
        foreach (var virtualService in context.Snapshot.VirtualServices)
        {
            if (virtualService.Hosts.Count == 0) continue;
            if (!ExportTo.IsVisible(virtualService.Spec.ExportTo, virtualService.Namespace, context.Node.Namespace)) continue;
            if (!GatewayBinding.AppliesToGateway(virtualService.Spec, virtualService.Namespace, gateway)) continue;
            var names = new List<string>();
            // Spec hosts as written: a gateway serves external names (api.example.com), which short-name resolution would mangle.
            foreach (var host in virtualService.Spec.Hosts)
            {
                foreach (var serverHost in hosts)
                {
                    if (serverHost.Admits(virtualService.Namespace) && serverHost.Meet(host) is { } name && !names.Contains(name, StringComparer.Ordinal)) names.Add(name);
                }
            }
            if (names.Count > 0) yield return (virtualService, names);
        }
    }
}
