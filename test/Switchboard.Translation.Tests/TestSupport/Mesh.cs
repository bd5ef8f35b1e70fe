using Switchboard.Config;
using Switchboard.Config.Loading;
using Switchboard.Config.Source;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Translate;
using ProxyConfigRecord = Switchboard.Translation.ProxyConfig.ProxyConfig;

namespace Switchboard.Translation.Tests.TestSupport;

/// <summary>Loads YAML with the real loader and translates it for one proxy, with lookups tests read results through.</summary>
internal static class Mesh
{
    /// <summary>Loads <paramref name="yaml"/>; fails the test on any schema error unless <paramref name="allowInvalid"/>.</summary>
    public static IReadOnlyList<Resource> Load(string yaml, bool allowInvalid = false)
    {
        var result = new ConfigLoader().LoadText(yaml, "mesh.yaml");
        var errors = result.Problems.Where(p => p.Kind is ProblemKind.Unparseable || (!allowInvalid && p.Kind == ProblemKind.Schema)).ToList();
        Assert.True(errors.Count == 0, "fixture does not load cleanly:\n" + string.Join("\n", errors.Select(e => $"{e.Location}: {e.Message}")));
        return result.Resources;
    }

    public static MeshSnapshot Snapshot(string yaml, bool allowInvalid = false) => MeshSnapshot.From(Load(yaml, allowInvalid));

    /// <summary>The proxy of workload <paramref name="proxy"/> (<c>namespace/name</c>).</summary>
    public static ProxyNode Node(MeshSnapshot snapshot, string proxy)
    {
        var workload = snapshot.FindWorkload(proxy);
        Assert.True(workload is not null, $"no workload {proxy} in the fixture");
        return ProxyNode.For(workload);
    }

    public static ProxyConfigRecord Translate(string yaml, string proxy = "production/checkout", bool allowInvalid = false)
    {
        var snapshot = Snapshot(yaml, allowInvalid);
        return Translator.Translate(snapshot, Node(snapshot, proxy));
    }

    public static VirtualHost Host(this ProxyConfigRecord config, string name)
    {
        var hosts = config.RouteTables.SelectMany(t => t.VirtualHosts).Where(v => v.Name == name).ToList();
        Assert.True(hosts.Count == 1, $"expected one virtual host {name}; have: {string.Join(", ", config.RouteTables.SelectMany(t => t.VirtualHosts).Select(v => v.Name))}");
        return hosts[0];
    }

    public static IReadOnlyList<Route> Routes(this ProxyConfigRecord config, string host) => config.Host(host).Routes;

    public static Cluster Cluster(this ProxyConfigRecord config, string name)
    {
        var cluster = config.Clusters.SingleOrDefault(c => c.Name == name);
        Assert.True(cluster is not null, $"no cluster {name}; have: {string.Join(", ", config.Clusters.Select(c => c.Name))}");
        return cluster;
    }

    public static IReadOnlyList<Endpoint> EndpointsOf(this ProxyConfigRecord config, string cluster) =>
        config.Endpoints.Single(e => e.Cluster == cluster).Endpoints;
}
