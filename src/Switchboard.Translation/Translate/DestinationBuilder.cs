using Switchboard.Config.Networking;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Turns route destinations into cluster names and weights.
/// Cluster: <c>outbound|port|subset|host</c>, host resolved in the owning VirtualService's namespace; port is
/// <c>destination.port.number</c>, else the service's only port, else the port of the route table being built.
/// Weights: a single destination takes all traffic (weight 100). With several, each gets weight/sum, and
/// destinations with weight 0 (or unset) are left out, as Istio leaves them out; if every weight is 0 (which
/// validation rejects) they share traffic equally rather than black-holing it.
/// </summary>
internal static class DestinationBuilder
{
    public static string ClusterName(Destination destination, string ownerNamespace, RouteScope scope)
    {
        var host = scope.Context.Snapshot.ResolveHost(destination.Host ?? "", ownerNamespace);
        int port;
        if (destination.Port is { Number: > 0 } selector) port = (int)selector.Number;
        else if (scope.Context.Scope.Find(host) is { Ports.Count: 1 } service) port = service.Ports[0].Number;
        else port = scope.Port;
        return Cluster.NameOf(port, destination.Subset ?? "", host);
    }

    public static IReadOnlyList<WeightedCluster> Weighted(IReadOnlyList<HttpRouteDestination> destinations, string ownerNamespace, RouteScope scope)
    {
        if (destinations.Count == 1) return [Make(destinations[0], 100, ownerNamespace, scope)];
        var weighted = destinations.Where(d => d.Weight is > 0).ToList();
        if (weighted.Count > 0) return weighted.Select(d => Make(d, d.Weight!.Value, ownerNamespace, scope)).ToList();
        return destinations.Select(d => Make(d, 1, ownerNamespace, scope)).ToList();
    }

    /// <summary>L4 destinations (tcp and tls routes) weigh the same way; they carry no header changes.</summary>
    public static IReadOnlyList<WeightedCluster> Weighted(IReadOnlyList<RouteDestination> destinations, string ownerNamespace, RouteScope scope) =>
        Weighted(destinations.Select(d => new HttpRouteDestination { Destination = d.Destination, Weight = d.Weight }).ToList(), ownerNamespace, scope);

    private static WeightedCluster Make(HttpRouteDestination destination, int weight, string ownerNamespace, RouteScope scope)
    {
        var headers = HeaderChangesBuilder.From(destination.Headers);
        return new WeightedCluster
        {
            Cluster = ClusterName(destination.Destination ?? new Destination(), ownerNamespace, scope),
            Weight = weight,
            RequestHeaders = headers.Request,
            ResponseHeaders = headers.Response,
            AuthorityRewrite = headers.Authority,
        };
    }
}
