using Switchboard.Config.Loading;
using Switchboard.ControlPlane.Discovery;
using Switchboard.Model;
using Switchboard.Translation.Json;
using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Translate;

namespace Switchboard.ControlPlane.Tests;

/// <summary>The per-shape translation cache gives exactly what translating for each proxy gives, and shares what it may.</summary>
public class TranslationCacheTests
{
    // Three label-dependent inputs of translation: a VirtualService match on sourceLabels, a Sidecar with a
    // workloadSelector, and a DestinationRule with a workloadSelector; plus workloads that do and do not match them.
    private const string LabelSensitiveMesh = """
        apiVersion: v1
        kind: Service
        metadata: { name: backend, namespace: shop }
        spec: { selector: { app: backend }, ports: [{ name: http, port: 8080 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: other, namespace: elsewhere }
        spec: { selector: { app: other }, ports: [{ name: http, port: 9090 }] }
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: backend, namespace: shop }
        spec:
          hosts: [backend]
          http:
          - match: [{ sourceLabels: { tier: canary } }]
            route: [{ destination: { host: backend }, weight: 100 }]
            timeout: 1s
          - route: [{ destination: { host: backend } }]
        ---
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: { name: narrow, namespace: shop }
        spec:
          workloadSelector: { labels: { scope: narrow } }
          egress: [{ hosts: ["./*"] }]
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: backend-for-batch, namespace: shop }
        spec:
          host: backend
          workloadSelector: { matchLabels: { role: batch } }
          trafficPolicy: { loadBalancer: { simple: LEAST_REQUEST } }
        """;

    private static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchboard.sln"))) dir = dir.Parent;
        return Path.Combine([dir!.FullName, .. parts]);
    }

    private static ProxyNode Node(string name, params (string Key, string Value)[] labels) =>
        new() { Namespace = "shop", Workload = name, Labels = labels.ToDictionary(l => l.Key, l => l.Value) };

    private static string Cached(TranslationCache cache, ProxyNode node) => ProxyConfigJson.Write(cache.ConfigFor(node));

    [Fact]
    public void Cached_translation_equals_a_fresh_one_for_every_workload_of_the_seed()
    {
        var snapshot = MeshSnapshot.From(new ConfigLoader().Load([Repo("examples", "payments")]).Resources);
        var cache = new TranslationCache(snapshot);
        Assert.NotEmpty(snapshot.Workloads);
        foreach (var workload in snapshot.Workloads)
        {
            var node = ProxyNode.For(workload);
            Assert.Equal(ProxyConfigJson.Write(Translator.Translate(snapshot, node)), Cached(cache, node));
        }
    }

    [Fact]
    public void Proxies_that_label_selectors_tell_apart_get_their_own_translation()
    {
        var snapshot = MeshSnapshot.From(new ConfigLoader().LoadText(LabelSensitiveMesh, "mesh.yaml").Resources);
        var cache = new TranslationCache(snapshot);
        ProxyNode[] nodes =
        [
            Node("plain", ("app", "web")),
            Node("canary", ("app", "web"), ("tier", "canary")),
            Node("narrow", ("app", "web"), ("scope", "narrow")),
            Node("batch", ("app", "web"), ("role", "batch")),
        ];
        var results = nodes.Select(n => Cached(cache, n)).ToList();
        for (var i = 0; i < nodes.Length; i++) Assert.Equal(ProxyConfigJson.Write(Translator.Translate(snapshot, nodes[i])), results[i]);
        Assert.Equal(4, cache.ShapeCount);
        // Each selector changes something: the translations really differ.
        Assert.Equal(4, results.Select(r => r.Replace(r[..r.IndexOf("\"labels\"", StringComparison.Ordinal)], "", StringComparison.Ordinal)).Distinct().Count());
    }

    [Fact]
    public void Look_alike_workloads_of_a_namespace_share_one_translation_but_keep_their_own_node()
    {
        var snapshot = MeshSnapshot.From(new ConfigLoader().LoadText(LabelSensitiveMesh, "mesh.yaml").Resources);
        var cache = new TranslationCache(snapshot);
        var a = cache.For(Node("web-a", ("app", "web")));
        var b = cache.For(Node("cart", ("app", "cart"), ("version", "v2")));
        Assert.Same(a, b);
        Assert.Same(a.Resources, b.Resources);
        Assert.Equal(1, cache.ShapeCount);
    }
}
