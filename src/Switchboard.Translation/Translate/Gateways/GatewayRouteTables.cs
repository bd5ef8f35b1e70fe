using System.Globalization;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate.Gateways;

/// <summary>
/// The HTTP routes of gateway servers: a virtual host per name a bound VirtualService serves there, holding the rules
/// that apply to this Gateway and port. Several VirtualServices for one name are merged in age order (Istio merges on
/// gateways, where sidecars keep the oldest). No default route: a name no VirtualService serves is a 404 NR.
/// </summary>
internal static class GatewayRouteTables
{
    /// <summary>Virtual hosts for one server; <paramref name="httpsRedirect"/> answers them all with a 301 to HTTPS.</summary>
    public static List<VirtualHost> VirtualHosts(RouteContext context, string gateway, IReadOnlyList<GatewayServerHost> hosts, int serverPort, bool httpsRedirect)
    {
        var byName = new Dictionary<string, List<Route>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (virtualService, names) in GatewayVirtualServices.For(context, gateway, hosts))
        {
            var scope = new RouteScope(context, serverPort, new RouteBinding(virtualService.Spec, virtualService.Namespace, gateway));
            var routes = new List<Route>();
            foreach (var rule in DelegateResolver.Flatten(virtualService, context.Snapshot))
            {
                if (RouteBuilder.Build(rule, scope, out var catchAll) is not { } route) continue;
                routes.Add(route);
                if (catchAll) break;
            }
            if (routes.Count == 0) continue;
            foreach (var name in names)
            {
                if (!byName.TryGetValue(name, out var list))
                {
                    byName[name] = list = [];
                    order.Add(name);
                }
                list.AddRange(routes);
            }
        }
        var port = serverPort.ToString(CultureInfo.InvariantCulture);
        return order.Select(name => new VirtualHost { Name = $"{name}:{port}", Domains = [name], Routes = byName[name], HttpsRedirect = httpsRedirect }).ToList();
    }

    /// <summary>One table from several servers' virtual hosts (plain-text servers on one port share it); the first server to claim a name keeps it.</summary>
    public static RouteTable Table(string name, int serverPort, IEnumerable<VirtualHost> hosts)
    {
        var claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return new RouteTable
        {
            Name = name,
            Port = serverPort,
            VirtualHosts = hosts.Where(h => h.Domains.All(claimed.Add)).ToList(),
        };
    }
}
