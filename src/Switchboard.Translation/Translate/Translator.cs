using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Translates the mesh into one proxy's config (sidecar, outbound). A pure function: the same snapshot and proxy
/// always give an equal <see cref="ProxyConfig.ProxyConfig"/>.
/// 1. scope: the services exported to the proxy's namespace and admitted by its Sidecar (<see cref="SidecarSelector"/>,
///    <see cref="EgressScope"/>), one per host (<see cref="ProxyScope"/>); VirtualServices and DestinationRules are
///    looked up as before, for the services in scope;
/// 2. clusters: per service port, plus one per DestinationRule subset, with the merged traffic policy;
/// 3. endpoints: per cluster, the service port's endpoints narrowed to the subset's labels;
/// 4. route tables: per HTTP port, a virtual host per service with the routes of its VirtualService (clusters are
///    built first so a route knows whether its destination hashes consistently);
/// 5. TCP services: per opaque-TCP port, the VirtualService's tcp routes (weighted L4 forwarding) or a default;
/// 6. inbound: the PeerAuthentication mode per port of the proxy's own workload (<see cref="InboundFor"/>: the one
///    part that depends on the workload itself, so the control plane computes it per proxy, not per shape).
/// </summary>
public static class Translator
{
    public static ProxyConfig.ProxyConfig Translate(MeshSnapshot snapshot, ProxyNode node)
    {
        if (node.Role == ProxyRole.Gateway) return TranslateGateway(snapshot, node);
        var sidecar = SidecarSelector.For(snapshot, node);
        var scope = new ProxyScope(snapshot, node.Namespace, EgressScope.For(sidecar, node.Namespace));
        var plans = ClusterBuilder.Build(scope, new DestinationRuleLookup(snapshot, node));
        var clusters = plans.Select(p => p.Cluster).ToList();
        var context = new RouteContext(snapshot, node, scope, clusters);
        return new ProxyConfig.ProxyConfig
        {
            Node = node,
            RouteTables = RouteTableBuilder.Build(context),
            TcpServices = TcpServiceBuilder.Build(context),
            Clusters = clusters,
            Endpoints = EndpointBuilder.Build(snapshot, plans),
            OutboundTrafficPolicy = OutboundPolicyMapper.Map(sidecar),
            ProtocolDetectionTimeout = snapshot.Options.ProtocolDetectionTimeout,
            Inbound = InboundFor(snapshot, node),
            Telemetry = TelemetryFor(snapshot, node),
        };
    }

    /// <summary>
    /// A gateway: no Sidecar applies (reference/istio-api.md §1.6), so every service exported to its namespace is in scope;
    /// its listeners come from the Gateways that select it, and it has no outbound route tables of its own.
    /// </summary>
    private static ProxyConfig.ProxyConfig TranslateGateway(MeshSnapshot snapshot, ProxyNode node)
    {
        var scope = new ProxyScope(snapshot, node.Namespace, EgressScope.Unrestricted);
        var plans = ClusterBuilder.Build(scope, new DestinationRuleLookup(snapshot, node));
        var clusters = plans.Select(p => p.Cluster).ToList();
        var context = new RouteContext(snapshot, node, scope, clusters);
        return new ProxyConfig.ProxyConfig
        {
            Node = node,
            GatewayListeners = Gateways.GatewayListenerBuilder.Build(context),
            Clusters = clusters,
            Endpoints = EndpointBuilder.Build(snapshot, plans),
            // Only declared services are reachable through a gateway: it has no passthrough.
            OutboundTrafficPolicy = ProxyConfig.ProxyConfig.RegistryOnly,
            Inbound = InboundFor(snapshot, node),
            Telemetry = TelemetryFor(snapshot, node),
        };
    }

    /// <summary>The inbound policy of <paramref name="node"/>'s own workload.</summary>
    public static InboundPolicy InboundFor(MeshSnapshot snapshot, ProxyNode node, Func<Switchboard.Authentication.Config.JwksSource, Switchboard.Authentication.Config.JwksFetchResult?>? jwks = null) =>
        InboundBuilder.Build(snapshot, node, jwks);

    /// <summary>The telemetry settings of <paramref name="node"/>'s own workload (they depend on its labels, so per proxy).</summary>
    public static TelemetryPolicy TelemetryFor(MeshSnapshot snapshot, ProxyNode node) => TelemetryBuilder.Build(snapshot, node);
}
