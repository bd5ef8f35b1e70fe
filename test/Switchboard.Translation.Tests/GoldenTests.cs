using Switchboard.Config;
using Switchboard.Config.Loading;
using Switchboard.Model;
using Switchboard.Translation.Json;
using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Tests.TestSupport;
using Switchboard.Translation.Translate;

namespace Switchboard.Translation.Tests;

/// <summary>
/// Whole-mesh translations compared with reviewed JSON files in Golden/. After an intended change, regenerate with
/// <c>SB_UPDATE_GOLDEN=1 dotnet test test/Switchboard.Translation.Tests</c> and review the diff.
/// </summary>
public sealed class GoldenTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        // The seed's configs: Deployments only, so clusters and routes but no endpoints.
        { "examples/payments", "production/checkout-service", "payments-checkout.json" },
        // Pods, WorkloadEntries and ServiceEntry endpoints with addresses.
        { "test/Switchboard.Translation.Tests/Fixtures/mesh-with-endpoints", "production/checkout-service-0", "mesh-with-endpoints-checkout.json" },
        // The seed's ingress gateway in the gateway role: payment-gateway's HTTPS server and payment-external-routing.
        { "examples/payments", "gateway:istio-system/istio-ingressgateway", "payments-ingressgateway.json" },
    };

    internal static IReadOnlyList<Resource> Load(string directory)
    {
        var result = new ConfigLoader().Load([RepoPaths.Of(directory)]);
        Assert.False(result.HasUnparseable, string.Join("\n", result.Problems.Select(p => $"{p.Location}: {p.Message}")));
        Assert.NotEmpty(result.Resources);
        return result.Resources;
    }

    internal static string TranslateToJson(IReadOnlyList<Resource> resources, string proxy)
    {
        var snapshot = MeshSnapshot.From(resources);
        // "gateway:ns/name" translates for that workload in the gateway role.
        var gateway = proxy.StartsWith("gateway:", StringComparison.Ordinal);
        var node = Mesh.Node(snapshot, gateway ? proxy["gateway:".Length..] : proxy);
        return ProxyConfigJson.Write(Translator.Translate(snapshot, gateway ? node with { Role = ProxyRole.Gateway } : node));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TranslationMatchesGolden(string directory, string proxy, string golden)
    {
        var json = TranslateToJson(Load(directory), proxy);
        var path = RepoPaths.Project("Golden", golden);
        if (Environment.GetEnvironmentVariable("SB_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, json);
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing; run with SB_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.True(expected == json, $"translation of {directory} for {proxy} differs from {golden}; if intended, run with SB_UPDATE_GOLDEN=1 and review the diff.\n{FirstDifference(expected, json)}");
    }

    [Fact]
    public void SeedRoutesAndPoliciesAreInThePaymentsGolden()
    {
        // The golden file is reviewed by eye; this pins the facts the seed's article depends on.
        var snapshot = MeshSnapshot.From(Load("examples/payments"));
        var config = Translator.Translate(snapshot, Mesh.Node(snapshot, "production/checkout-service"));
        var routes = config.Routes(Fixtures.PaymentHost + ":8080");
        Assert.Equal(["route-0", "route-1"], routes.Select(r => r.Name));
        Assert.Equal([new KeyedMatcher("x-beta-user", new StringMatcher(MatchKind.Exact, "true"))], routes[0].Matches[0].Headers);
        Assert.Equal(new FaultPolicy { Delay = TimeSpan.FromMilliseconds(50), DelayPercentage = 10 }, routes[0].Fault);
        Assert.Equal([("outbound|8080|stable|" + Fixtures.PaymentHost, 95), ("outbound|8080|canary|" + Fixtures.PaymentHost, 5)],
            routes[1].Forward!.Clusters.Select(c => (c.Cluster, c.Weight)));
        Assert.Equal((3, TimeSpan.FromSeconds(2)), (routes[1].Forward!.Retry.Attempts, routes[1].Forward!.Retry.PerTryTimeout));
        var canary = config.Cluster("outbound|8080|canary|" + Fixtures.PaymentHost);
        Assert.Equal((LbAlgorithm.RoundRobin, 100L, 50L, 10), (canary.LoadBalancer.Algorithm, canary.ConnectionPool.MaxConnections,
            canary.ConnectionPool.MaxPendingRequests, canary.ConnectionPool.MaxRequestsPerConnection));
        Assert.Equal(5, canary.Outlier!.ConsecutiveGatewayErrors);
        // The gateway-only VirtualService (api.example.com) gives sidecars nothing.
        Assert.DoesNotContain(config.RouteTables.SelectMany(t => t.VirtualHosts), v => v.Name.StartsWith("api.example.com", StringComparison.Ordinal));
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right) return $"first difference at line {i + 1}:\n  golden: {left}\n  actual: {right}";
        }
        return "";
    }
}
