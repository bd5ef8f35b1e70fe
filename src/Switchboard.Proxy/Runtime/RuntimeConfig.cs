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

    private RuntimeConfig(ProxyConfig source, Dictionary<int, CompiledRouteTable> routes, Dictionary<string, ClusterRuntime> clusters)
    {
        Source = source;
        _routes = routes;
        _clusters = clusters;
    }

    public ProxyConfig Source { get; }
    public IReadOnlyCollection<ClusterRuntime> Clusters => _clusters.Values;

    public CompiledRouteTable? RouteTable(int port) => _routes.GetValueOrDefault(port);

    public ClusterRuntime? Cluster(string name) => _clusters.GetValueOrDefault(name);

    /// <summary>Compiles <paramref name="config"/>; throws on an invalid config (the caller keeps the old one).</summary>
    public static RuntimeConfig Build(ProxyConfig config, RuntimeConfig? previous, RandomSource random, TimeProvider time)
    {
        var routes = config.RouteTables.ToDictionary(t => t.Port, t => new CompiledRouteTable(t));
        var endpoints = config.Endpoints.ToDictionary(e => e.Cluster, e => e.Endpoints, StringComparer.Ordinal);
        var clusters = new Dictionary<string, ClusterRuntime>(StringComparer.Ordinal);
        foreach (var cluster in config.Clusters)
        {
            var clusterEndpoints = endpoints.GetValueOrDefault(cluster.Name) ?? [];
            if (previous?.Cluster(cluster.Name) is { } old && old.Spec == cluster && old.Endpoints.Select(e => e.Spec).SequenceEqual(clusterEndpoints))
            {
                clusters[cluster.Name] = old;
                continue;
            }
            clusters[cluster.Name] = new ClusterRuntime(cluster, clusterEndpoints, random, time);
        }
        return new RuntimeConfig(config, routes, clusters);
    }

    /// <summary>Clusters of this config that <paramref name="next"/> no longer uses (to dispose once drained).</summary>
    public IEnumerable<ClusterRuntime> RetiredBy(RuntimeConfig next) => _clusters.Values.Where(c => !ReferenceEquals(next.Cluster(c.Name), c));
}
