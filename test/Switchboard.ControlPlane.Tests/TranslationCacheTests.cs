using Switchboard.Config.Loading;
using Switchboard.ControlPlane.Discovery;
using Switchboard.Model;
using Switchboard.Translation.Json;
using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Translate;

namespace Switchboard.ControlPlane.Tests;

/// <summary>The per-shape translation cache gives exactly what translating for each proxy gives.</summary>
public class TranslationCacheTests
{
    private static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchboard.sln"))) dir = dir.Parent;
        return Path.Combine([dir!.FullName, .. parts]);
    }

    [Fact]
    public void Cached_translation_equals_a_fresh_one_for_every_workload()
    {
        var snapshot = MeshSnapshot.From(new ConfigLoader().Load([Repo("examples", "payments")]).Resources);
        var cache = new TranslationCache(snapshot);
        Assert.NotEmpty(snapshot.Workloads);
        foreach (var workload in snapshot.Workloads)
        {
            var node = ProxyNode.For(workload);
            Assert.Equal(ProxyConfigJson.Write(Translator.Translate(snapshot, node)), ProxyConfigJson.Write(cache.For(node)));
        }
    }

    [Fact]
    public void Replicas_share_the_translation_but_keep_their_own_node()
    {
        var snapshot = MeshSnapshot.From(new ConfigLoader().Load([Repo("examples", "payments")]).Resources);
        var cache = new TranslationCache(snapshot);
        var a = cache.For(new ProxyNode { Namespace = "production", Workload = "checkout-a", Labels = new Dictionary<string, string> { ["app"] = "checkout-service" } });
        var b = cache.For(new ProxyNode { Namespace = "production", Workload = "checkout-b", Labels = new Dictionary<string, string> { ["app"] = "checkout-service" } });
        Assert.Same(a.Clusters, b.Clusters);
        Assert.Equal("checkout-a", a.Node.Workload);
        Assert.Equal("checkout-b", b.Node.Workload);
    }
}
