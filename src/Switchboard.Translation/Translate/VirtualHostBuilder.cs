using System.Globalization;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Builds the virtual host of one service on one port: its domains, and its routes from the oldest VirtualService
/// that covers the host and yields at least one route for this proxy and port (Istio skips a VirtualService that
/// yields none); otherwise Istio's default route to <c>outbound|port||host</c> with the default retry policy.
/// </summary>
internal static class VirtualHostBuilder
{
    public static VirtualHost Build(ServiceModel service, ServicePortModel port, RouteContext context) => new()
    {
        Name = $"{service.Host}:{port.Number.ToString(CultureInfo.InvariantCulture)}",
        Domains = DomainBuilder.For(service, port.Number, context.Node.Namespace),
        Routes = RoutesFor(service, port, context),
    };

    private static IReadOnlyList<Route> RoutesFor(ServiceModel service, ServicePortModel port, RouteContext context)
    {
        foreach (var virtualService in context.VirtualServices.Covering(service.Host))
        {
            var scope = new RouteScope(context, port.Number, RouteBinding.ForMesh(virtualService));
            var routes = new List<Route>();
            foreach (var rule in DelegateResolver.Flatten(virtualService, context.Snapshot))
            {
                if (RouteBuilder.Build(rule, scope, out var catchAll) is not { } route) continue;
                routes.Add(route);
                if (catchAll) break;
            }
            if (routes.Count > 0) return routes;
        }
        return [DefaultRoute(service, port.Number)];
    }

    private static Route DefaultRoute(ServiceModel service, int port) => new()
    {
        Name = "default",
        Forward = new ForwardAction
        {
            Clusters = [new WeightedCluster { Cluster = Cluster.NameOf(port, "", service.Host), Weight = 100 }],
            Retry = RetryPolicy.IstioDefault,
        },
    };
}
