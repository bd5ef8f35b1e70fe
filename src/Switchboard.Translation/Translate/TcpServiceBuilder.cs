using System.Globalization;
using Switchboard.Config.Networking;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Builds the opaque-TCP side: for every visible service port that is not HTTP (tcp, tls, https, mongo,
/// mysql, redis), the <c>tcp</c> rules of the oldest covering VirtualService that yields any for this proxy
/// and port, else one default route to <c>outbound|port||host</c>. A rule applies when it has no match or one
/// of its matches fits (port, sourceLabels, sourceNamespace, and gateways binding it to the mesh), all of
/// which are known at translation time, so the first applicable rule is the route.
/// </summary>
internal static class TcpServiceBuilder
{
    public static IReadOnlyList<TcpService> Build(RouteContext context)
    {
        var services = new List<TcpService>();
        foreach (var service in context.Scope.Services)
        {
            foreach (var port in service.Ports)
            {
                if (port.Protocol is null || Protocols.IsHttp(port.Protocol) || port.Protocol == "udp") continue;
                services.Add(new TcpService
                {
                    Name = $"{service.Host}:{port.Number.ToString(CultureInfo.InvariantCulture)}",
                    Port = port.Number,
                    Domains = DomainBuilder.For(service, port.Number, context.Node.Namespace),
                    Routes = RoutesFor(service, port.Number, context),
                });
            }
        }
        return services.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    private static IReadOnlyList<L4Route> RoutesFor(ServiceModel service, int port, RouteContext context)
    {
        foreach (var virtualService in context.VirtualServices.Covering(service.Host))
        {
            var scope = new RouteScope(context, port, RouteBinding.ForMesh(virtualService));
            var routes = new List<L4Route>();
            for (var i = 0; i < virtualService.Spec.Tcp.Count; i++)
            {
                var rule = virtualService.Spec.Tcp[i];
                var applicable = rule.Match.Where(m => Applies(m, scope)).ToList();
                if (rule.Match.Count > 0 && applicable.Count == 0) continue;
                routes.Add(new L4Route
                {
                    Name = $"tcp-{i.ToString(CultureInfo.InvariantCulture)}",
                    VirtualService = $"{virtualService.Namespace}/{virtualService.Name}",
                    Clusters = DestinationBuilder.Weighted(rule.Route, virtualService.Namespace, scope),
                });
                // Every L4 condition is settled here for this proxy and port, so the first applicable rule takes
                // all connections (destinationSubnets, the one runtime condition, is not supported yet).
                break;
            }
            if (routes.Count > 0) return routes;
        }
        return [new L4Route { Clusters = [new WeightedCluster { Cluster = Cluster.NameOf(port, "", service.Host), Weight = 100 }] }];
    }

    /// <summary>Whether an L4 match fits this proxy and port (shared with the gateway's tcp routes).</summary>
    public static bool Applies(L4MatchAttributes match, RouteScope scope) =>
        GatewayBinding.MatchApplies(match.Gateways, scope.Binding)
        && Selector.Matches(match.SourceLabels, scope.Node.Labels)
        && (string.IsNullOrEmpty(match.SourceNamespace) || match.SourceNamespace == scope.Node.Namespace)
        && (match.Port is null or 0 || match.Port == (uint)scope.Port);
}
