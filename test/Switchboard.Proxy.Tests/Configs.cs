using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests;

/// <summary>Hand-built ProxyConfigs for one service, <c>reviews.default</c> on port 8080, with subsets.</summary>
public static class Configs
{
    public const string Host = "reviews.default.svc.cluster.local";

    public static string ClusterName(string subset = "") => Cluster.NameOf(8080, subset, Host);

    public static ProxyConfig With(IReadOnlyList<Route> routes, params (string Subset, TestUpstream[] Upstreams)[] clusters) =>
        With(routes, clusters.Select(c => (c.Subset, c.Upstreams.Select(u => u.Port).ToArray(), (Func<Cluster, Cluster>?)null)).ToArray());

    public static ProxyConfig With(IReadOnlyList<Route> routes, (string Subset, int[] Ports, Func<Cluster, Cluster>? Shape)[] clusters) => new()
    {
        Node = new ProxyNode { Namespace = "default", Workload = "productpage" },
        RouteTables =
        [
            new RouteTable
            {
                Name = "8080",
                Port = 8080,
                VirtualHosts =
                [
                    new VirtualHost
                    {
                        Name = $"{Host}:8080",
                        Domains = [Host, $"{Host}:8080", "reviews", "reviews:8080", "reviews.default", "reviews.default:8080"],
                        Routes = routes,
                    },
                ],
            },
        ],
        Clusters = clusters.Select(c =>
        {
            var cluster = new Cluster { Name = ClusterName(c.Subset), Host = Host, Port = 8080, Subset = c.Subset, Protocol = "http" };
            return c.Shape?.Invoke(cluster) ?? cluster;
        }).ToList(),
        Endpoints = clusters.Select(c => new ClusterEndpoints
        {
            Cluster = ClusterName(c.Subset),
            Endpoints = c.Ports.Select(p => new Endpoint { Address = "127.0.0.1", Port = p }).ToList(),
        }).ToList(),
    };

    public static Route Forward(string subset = "", RetryPolicy? retry = null, TimeSpan? timeout = null, params RouteMatch[] matches) => new()
    {
        Name = subset.Length == 0 ? "default" : $"to-{subset}",
        Matches = matches,
        Forward = new ForwardAction
        {
            Clusters = [new WeightedCluster { Cluster = ClusterName(subset), Weight = 100 }],
            Retry = retry ?? RetryPolicy.None,
            Timeout = timeout,
        },
    };

    public const string Url = "http://reviews.default:8080";
}
