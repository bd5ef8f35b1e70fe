using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Translate;

/// <summary>Route destinations → weighted clusters: weights, ports and host resolution.</summary>
public sealed class DestinationTests
{
    private const string TwoPortService = """
        apiVersion: v1
        kind: Service
        metadata: {name: ledger, namespace: production}
        spec:
          selector: {app: ledger}
          ports:
          - {name: http, port: 8080}
          - {name: http-admin, port: 9000}
        """;

    private static IReadOnlyList<(string Cluster, int Weight)> Clusters(string route, bool allowInvalid = false)
    {
        var http = $"- route:\n{Fixtures.Indent(route, 2)}";
        var config = Mesh.Translate(Fixtures.With(TwoPortService, Fixtures.PaymentDr(), Fixtures.PaymentVs(http)), allowInvalid: allowInvalid);
        var forward = config.Routes(Fixtures.PaymentHost + ":8080")[0].Forward!;
        return forward.Clusters.Select(c => (c.Cluster, c.Weight)).ToList();
    }

    private const string Stable = "outbound|8080|stable|payment-service.production.svc.cluster.local";
    private const string Canary = "outbound|8080|canary|payment-service.production.svc.cluster.local";

    public static TheoryData<string, (string, int)[]> WeightCases => new()
    {
        // A single destination takes everything, whatever its weight says.
        { "- destination: {host: payment-service, subset: stable}", [(Stable, 100)] },
        { "- {destination: {host: payment-service, subset: stable}, weight: 100}", [(Stable, 100)] },
        // Several: each gets weight/sum.
        {
            "- {destination: {host: payment-service, subset: stable}, weight: 95}\n- {destination: {host: payment-service, subset: canary}, weight: 5}",
            [(Stable, 95), (Canary, 5)]
        },
        { "- {destination: {host: payment-service, subset: stable}, weight: 3}\n- {destination: {host: payment-service, subset: canary}, weight: 1}", [(Stable, 3), (Canary, 1)] },
        // Weight 0 (or unset next to set weights) gets no traffic: left out, as Istio leaves it out.
        { "- {destination: {host: payment-service, subset: stable}, weight: 100}\n- {destination: {host: payment-service, subset: canary}, weight: 0}", [(Stable, 100)] },
        { "- {destination: {host: payment-service, subset: stable}, weight: 100}\n- destination: {host: payment-service, subset: canary}", [(Stable, 100)] },
    };

    [Theory]
    [MemberData(nameof(WeightCases))]
    public void Weights(string route, (string, int)[] expected) => Assert.Equal(expected, Clusters(route));

    [Fact]
    public void AllWeightsUnsetSplitEquallyRatherThanDropTraffic()
    {
        // Validation rejects this (the sum must not be 0); translation still sends traffic somewhere.
        Assert.Equal([(Stable, 1), (Canary, 1)],
            Clusters("- destination: {host: payment-service, subset: stable}\n- destination: {host: payment-service, subset: canary}", allowInvalid: true));
    }

    [Theory]
    // An explicit port wins.
    [InlineData("{host: ledger, port: {number: 9000}}", "outbound|9000||ledger.production.svc.cluster.local")]
    // No port, several ports: the route table's port.
    [InlineData("{host: ledger}", "outbound|8080||ledger.production.svc.cluster.local")]
    // No port, a single port: that one (payment-service has only 8080; the cluster is the same either way).
    [InlineData("{host: payment-service}", "outbound|8080||payment-service.production.svc.cluster.local")]
    // Unknown host: still named with the route table's port (traffic to it fails as "no cluster").
    [InlineData("{host: nowhere.example.com, subset: x}", "outbound|8080|x|nowhere.example.com")]
    // Short names resolve in the VirtualService's namespace; FQDNs stay.
    [InlineData("{host: ledger.production.svc.cluster.local, subset: v1}", "outbound|8080|v1|ledger.production.svc.cluster.local")]
    public void ClusterNameAndPort(string destination, string cluster) =>
        Assert.Equal(cluster, Assert.Single(Clusters($"- destination: {destination}")).Cluster);

    [Fact]
    public void OnlyPortOfAnotherServiceIsUsedOnAnyRouteTable()
    {
        // ledger's admin port 9000 carries a route to payment-service, whose only port is 8080.
        var vs = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: ledger, namespace: production}
            spec:
              hosts: [ledger]
              http:
              - route: [{destination: {host: payment-service}}]
            """;
        var config = Mesh.Translate(Fixtures.With(TwoPortService, vs));
        var cluster = config.Routes("ledger.production.svc.cluster.local:9000")[0].Forward!.Clusters[0].Cluster;
        Assert.Equal("outbound|8080||payment-service.production.svc.cluster.local", cluster);
    }

    [Fact]
    public void PerDestinationHeadersStayOnTheirCluster()
    {
        var route = """
            - destination: {host: payment-service, subset: stable}
              weight: 90
              headers:
                request: {set: {x-subset: stable, host: payments.internal}}
                response: {remove: [x-internal]}
            - destination: {host: payment-service, subset: canary}
              weight: 10
              headers:
                request: {add: {x-subset: canary}}
            """;
        var http = $"- route:\n{Fixtures.Indent(route, 2)}";
        var forward = Mesh.Translate(Fixtures.With(Fixtures.PaymentDr(), Fixtures.PaymentVs(http))).Routes(Fixtures.PaymentHost + ":8080")[0].Forward!;
        var stable = forward.Clusters[0];
        Assert.Equal([new("x-subset", "stable")], stable.RequestHeaders.Set);
        Assert.Equal(["x-internal"], stable.ResponseHeaders.Remove);
        // Setting host is an authority rewrite, not a header operation.
        Assert.Equal("payments.internal", stable.AuthorityRewrite);
        Assert.Equal([new("x-subset", "canary")], forward.Clusters[1].RequestHeaders.Add);
        Assert.True(forward.Clusters[1].ResponseHeaders.IsEmpty);
    }
}
