using System.Net;
using System.Text.RegularExpressions;
using Switchboard.Config.Loading;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Translate;

namespace Switchboard.Proxy.Tests;

/// <summary>
/// The seed's payment-traffic-policy end to end: its YAML, translated by the real translator, served by the
/// real proxy to real upstreams. 95/5 split, beta users to canary, 10% of beta requests delayed 50 ms,
/// retries on gateway errors within the route timeout.
/// </summary>
public sealed class SeedPolicyTests
{
    private static string Mesh(int stable, int canary) => PaymentMesh.Workloads(stable, canary) + "\n---\n" + SeedPolicy;

    /// <summary>The seed's payment-traffic-policy, field names corrected.</summary>
    private const string SeedPolicy = """
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: {name: payment-service-destination, namespace: production}
        spec:
          host: payment-service
          trafficPolicy:
            connectionPool:
              tcp: {maxConnections: 100}
              http: {http2MaxRequests: 1000, http1MaxPendingRequests: 50, maxRequestsPerConnection: 10}
            outlierDetection: {consecutiveGatewayErrors: 5, interval: 30s, baseEjectionTime: 30s, maxEjectionPercent: 50, minHealthPercent: 30}
          subsets:
          - name: stable
            labels: {version: v1}
            trafficPolicy: {loadBalancer: {simple: LEAST_REQUEST}}
          - name: canary
            labels: {version: v2}
            trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: payment-service-routing, namespace: production}
        spec:
          hosts: [payment-service]
          http:
          - match:
            - headers: {x-beta-user: {exact: "true"}}
            route:
            - destination: {host: payment-service, subset: canary}
              weight: 100
            fault:
              delay:
                percentage: {value: 10.0}
                fixedDelay: 50ms
          - route:
            - destination: {host: payment-service, subset: stable}
              weight: 95
            - destination: {host: payment-service, subset: canary}
              weight: 5
            timeout: 10s
            retries: {attempts: 3, perTryTimeout: 2s, retryOn: "gateway-error,connect-failure,retriable-4xx"}
        """;

    private static ProxyConfig Translate(string yaml)
    {
        var loaded = new ConfigLoader().LoadText(yaml, "payment-traffic-policy.yaml");
        Assert.Empty(loaded.Problems.Select(p => p.Message));
        var snapshot = MeshSnapshot.From(loaded.Resources);
        return Translator.Translate(snapshot, ProxyNode.For(snapshot.FindWorkload("production/checkout")!));
    }

    [Fact]
    public async Task Canary_split_beta_routing_and_delay_percentage()
    {
        await using var stable = await TestUpstream.StartAsync("stable");
        await using var canary = await TestUpstream.StartAsync("canary");
        await using var proxy = await ProxyUnderTest.StartAsync(Translate(Mesh(stable.Port, canary.Port)), seed: 7);
        const string url = "http://payment-service.production:8080/api/v1/charge";

        for (var i = 0; i < 1000; i++) await proxy.Client.GetStringAsync(url);
        // 5% of 1000 = 50 canary; sd ≈ 6.9: ±4 sd.
        Assert.InRange(canary.Requests, 50 - 28, 50 + 28);

        var before = canary.Requests;
        for (var i = 0; i < 300; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("x-beta-user", "true");
            Assert.Equal("canary", await (await proxy.Client.SendAsync(request)).Content.ReadAsStringAsync());
        }
        Assert.Equal(before + 300, canary.Requests);
        // 10% of 300 beta requests delayed: expected 30, sd ≈ 5.2.
        var delayed = Regex.Matches(proxy.AccessLog.ToString(), " 200 DI ").Count;
        Assert.InRange(delayed, 30 - 21, 30 + 21);
    }

    [Fact]
    public async Task Gateway_errors_are_retried_to_success()
    {
        await using var stable = await TestUpstream.StartAsync("stable");
        await using var canary = await TestUpstream.StartAsync("canary");
        // Whichever subset the split picks, its only endpoint fails twice and the third try answers.
        stable.FailNext(2, 503);
        canary.FailNext(2, 503);
        await using var proxy = await ProxyUnderTest.StartAsync(Translate(Mesh(stable.Port, canary.Port)), seed: 3);
        var response = await proxy.Client.GetAsync("http://payment-service.production:8080/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, stable.Requests + canary.Requests);
    }
}
