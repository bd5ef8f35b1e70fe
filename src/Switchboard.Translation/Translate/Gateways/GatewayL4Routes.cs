using System.Globalization;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate.Gateways;

/// <summary>
/// Connection routing on gateway servers: TLS PASSTHROUGH chains from VirtualService <c>tls</c> rules (one chain per
/// rule, taking the rule's <c>sniHosts</c> that the server's hosts admit), and TCP servers from <c>tcp</c> rules (the
/// first rule that applies to this Gateway and port).
/// </summary>
internal static class GatewayL4Routes
{
    public static IEnumerable<GatewayChain> Passthrough(RouteContext context, string gateway, IReadOnlyList<GatewayServerHost> hosts, int serverPort, GatewayTls tls)
    {
        foreach (var (virtualService, _) in GatewayVirtualServices.For(context, gateway, hosts))
        {
            var binding = new RouteBinding(virtualService.Spec, virtualService.Namespace, gateway);
            var scope = new RouteScope(context, serverPort, binding);
            for (var i = 0; i < virtualService.Spec.Tls.Count; i++)
            {
                var rule = virtualService.Spec.Tls[i];
                var names = new List<string>();
                foreach (var match in rule.Match)
                {
                    if (!TcpServiceBuilder.Applies(match, scope)) continue;
                    foreach (var sni in match.SniHosts)
                    {
                        foreach (var host in hosts)
                        {
                            if (host.Admits(virtualService.Namespace) && host.Meet(sni) is { } name && !names.Contains(name, StringComparer.Ordinal)) names.Add(name);
                        }
                    }
                }
                if (names.Count == 0) continue;
                yield return new GatewayChain
                {
                    Name = $"{virtualService.Key}.tls-{i.ToString(CultureInfo.InvariantCulture)}",
                    ServerNames = names,
                    Tls = tls,
                    TcpRoutes = [new L4Route { Name = $"tls-{i.ToString(CultureInfo.InvariantCulture)}", VirtualService = virtualService.Key, Clusters = DestinationBuilder.Weighted(rule.Route, virtualService.Namespace, scope) }],
                };
            }
        }
    }

    public static IReadOnlyList<L4Route> Tcp(RouteContext context, string gateway, IReadOnlyList<GatewayServerHost> hosts, int serverPort)
    {
        foreach (var (virtualService, _) in GatewayVirtualServices.For(context, gateway, hosts))
        {
            var scope = new RouteScope(context, serverPort, new RouteBinding(virtualService.Spec, virtualService.Namespace, gateway));
            for (var i = 0; i < virtualService.Spec.Tcp.Count; i++)
            {
                var rule = virtualService.Spec.Tcp[i];
                if (rule.Match.Count == 0 ? !GatewayBinding.TopLevel(scope.Binding) : !rule.Match.Any(m => TcpServiceBuilder.Applies(m, scope))) continue;
                return [new L4Route
                {
                    Name = $"tcp-{i.ToString(CultureInfo.InvariantCulture)}",
                    VirtualService = virtualService.Key,
                    Clusters = DestinationBuilder.Weighted(rule.Route, virtualService.Namespace, scope),
                }];
            }
        }
        return [];
    }
}
