using Switchboard.Proxy.Identity;
using Switchboard.Proxy.Clusters;
using Switchboard.Proxy.Routing;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Runtime;

/// <summary>
/// A <see cref="ProxyConfig"/> compiled for serving: route tables by port and clusters by name. Built
/// once per config change and swapped as a whole, so a request sees one consistent config from start
/// to end. Clusters whose spec and endpoints did not change are carried over (connection pools kept).
/// </summary>
internal sealed class RuntimeConfig
{
    private readonly Dictionary<int, CompiledRouteTable> _routes;
    private readonly Dictionary<string, ClusterRuntime> _clusters;
    private readonly Dictionary<(int Port, string Domain), TcpService> _tcp;
    private readonly Dictionary<int, Gateway.CompiledGatewayListener> _gateway;

    private RuntimeConfig(ProxyConfig source, Dictionary<int, CompiledRouteTable> routes, Dictionary<string, ClusterRuntime> clusters,
        Dictionary<(int, string), TcpService> tcp, Switchboard.Authentication.RequestAuthenticator authenticator, Telemetry.TelemetryRuntime telemetry)
    {
        _gateway = source.GatewayListeners.ToDictionary(l => l.Port, l => new Gateway.CompiledGatewayListener(l));
        Source = source;
        Telemetry = telemetry;
        Authenticator = authenticator;
        _routes = routes;
        _clusters = clusters;
        _tcp = tcp;
    }

    public ProxyConfig Source { get; }

    /// <summary>Metric labels, peer metadata, metric view and access-log sinks, compiled with the config.</summary>
    public Telemetry.TelemetryRuntime Telemetry { get; }

    /// <summary>The inbound JWT rules compiled once (key sets parsed here, not per request).</summary>
    public Switchboard.Authentication.RequestAuthenticator Authenticator { get; }
    public IReadOnlyCollection<ClusterRuntime> Clusters => _clusters.Values;

    public CompiledRouteTable? RouteTable(int port) => _routes.GetValueOrDefault(port);

    public ClusterRuntime? Cluster(string name) => _clusters.GetValueOrDefault(name);

    /// <summary>The gateway listener on <paramref name="port"/> (the port the proxy listens on), if a Gateway server declares it.</summary>
    public Gateway.CompiledGatewayListener? GatewayListener(int port) => _gateway.GetValueOrDefault(port);

    /// <summary>The opaque-TCP service a tunnel to <paramref name="authority"/> on <paramref name="port"/> reaches, if any.</summary>
    public TcpService? TcpService(int port, string authority) =>
        _tcp.GetValueOrDefault((port, authority.ToLowerInvariant()));

    /// <summary>Compiles <paramref name="config"/>; throws on an invalid config (the caller keeps the old one).</summary>
    public static RuntimeConfig Build(ProxyConfig config, RuntimeConfig? previous, RandomSource random, TimeProvider time, ProxyIdentity? identity = null)
    {
        var routes = config.RouteTables.ToDictionary(t => t.Port, t => new CompiledRouteTable(t));
        var endpoints = config.Endpoints.ToDictionary(e => e.Cluster, e => e.Endpoints, StringComparer.Ordinal);
        var clusters = new Dictionary<string, ClusterRuntime>(StringComparer.Ordinal);
        foreach (var cluster in config.Clusters)
        {
            var clusterEndpoints = endpoints.GetValueOrDefault(cluster.Name) ?? [];
            // Unchanged clusters keep their pools, unless they present a certificate that has since been rotated.
            if (previous?.Cluster(cluster.Name) is { } old && old.Spec == cluster && old.Endpoints.Select(e => e.Spec).SequenceEqual(clusterEndpoints)
                && (old.MeshCertificate is null || ReferenceEquals(old.MeshCertificate, identity?.CertificateContext)))
            {
                clusters[cluster.Name] = old;
                continue;
            }
            clusters[cluster.Name] = new ClusterRuntime(cluster, clusterEndpoints, random, time, identity ?? ProxyIdentity.None);
        }
        var tcp = new Dictionary<(int, string), TcpService>();
        foreach (var service in config.TcpServices)
        {
            foreach (var domain in service.Domains) tcp.TryAdd((service.Port, domain.ToLowerInvariant()), service);
        }
        var principal = identity is { Enabled: true } ? Switchboard.Authorization.Requests.SpiffePrincipal.Of(identity.Current.SpiffeId) : null;
        return new RuntimeConfig(config, routes, clusters, tcp, new Switchboard.Authentication.RequestAuthenticator(config.Inbound.JwtRules, time),
            new Telemetry.TelemetryRuntime(config, principal));
    }

    /// <summary>Clusters of this config that <paramref name="next"/> no longer uses (to dispose once drained).</summary>
    public IEnumerable<ClusterRuntime> RetiredBy(RuntimeConfig next) => _clusters.Values.Where(c => !ReferenceEquals(next.Cluster(c.Name), c));
}
