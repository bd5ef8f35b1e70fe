using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Translate;

/// <summary>
/// Conditions decided when translating for one proxy (sourceLabels, sourceNamespace, gateways, port): a match that
/// fails them is not in that proxy's config, and a rule with no match left is dropped.
/// </summary>
public sealed class SourceFilterTests
{
    private static IReadOnlyList<string> RouteNames(string match, string extraSpec = "", string proxy = "production/checkout")
    {
        // A query condition keeps the filtered match from accepting every request (which would hide "rest").
        var inner = match.StartsWith('{') ? match[1..^1] : match;
        var http = $"""
            - name: filtered
              match:
              - {"{"}{inner}, queryParams: {"{"}t: {"{"}exact: "1"{"}"}{"}"}{"}"}
              route: [{"{"}destination: {"{"}host: payment-service, subset: canary{"}"}{"}"}]
            - name: rest
              route: [{"{"}destination: {"{"}host: payment-service, subset: stable{"}"}{"}"}]
            """;
        var yaml = Fixtures.With(Fixtures.PaymentDr(), Fixtures.PaymentVs(http, extraSpec), """
            apiVersion: v1
            kind: Pod
            metadata: {name: batch, namespace: jobs, labels: {app: batch}}
            spec: {containers: [{name: app}]}
            status: {podIP: 198.18.0.41}
            """);
        var config = Mesh.Translate(yaml, proxy);
        return config.Routes(Fixtures.PaymentHost + ":8080").Select(r => r.Name).ToList();
    }

    [Theory]
    // The proxy is production/checkout with labels app=checkout, version=v1.
    [InlineData("sourceLabels: {app: checkout}", true)]
    [InlineData("sourceLabels: {app: checkout, version: v1}", true)]
    [InlineData("sourceLabels: {app: checkout, version: v2}", false)]
    [InlineData("sourceLabels: {team: payments}", false)]
    [InlineData("sourceNamespace: production", true)]
    [InlineData("sourceNamespace: jobs", false)]
    [InlineData("{sourceNamespace: production, sourceLabels: {app: other}}", false)]
    [InlineData("port: 8080", true)]
    [InlineData("port: 9090", false)]
    [InlineData("gateways: [mesh]", true)]
    [InlineData("gateways: [payment-gateway]", false)]
    [InlineData("{gateways: [payment-gateway, mesh], headers: {x: {exact: y}}}", true)]
    public void MatchAppliesOnlyToTheProxiesItSelects(string match, bool kept)
    {
        var names = RouteNames(match);
        Assert.Equal(kept ? ["filtered", "rest"] : ["rest"], names);
    }

    [Fact]
    public void AnotherProxySeesTheRuleItsLabelsSelect()
    {
        Assert.Equal(["rest"], RouteNames("sourceLabels: {app: batch}"));
        Assert.Equal(["filtered", "rest"], RouteNames("sourceLabels: {app: batch}", proxy: "jobs/batch"));
        Assert.Equal(["filtered", "rest"], RouteNames("sourceNamespace: jobs", proxy: "jobs/batch"));
    }

    [Fact]
    public void AMatchOnlyOnTheSourceAcceptsEveryRequestFromItSoLaterRulesAreUnreachable()
    {
        var http = """
            - name: from-checkout
              match: [{sourceLabels: {app: checkout}}]
              route: [{destination: {host: payment-service, subset: canary}}]
            - name: rest
              route: [{destination: {host: payment-service, subset: stable}}]
            """;
        var routes = Mesh.Translate(Fixtures.With(Fixtures.PaymentVs(http))).Routes(Fixtures.PaymentHost + ":8080");
        Assert.Equal(["from-checkout"], routes.Select(r => r.Name));
    }

    [Fact]
    public void OnlyTheFailingMatchOfARuleIsDropped()
    {
        var http = """
            - name: beta
              match:
              - {name: from-batch, sourceLabels: {app: batch}}
              - {name: header, headers: {x-beta-user: {exact: "true"}}}
              route: [{destination: {host: payment-service, subset: canary}}]
            """;
        var route = Mesh.Translate(Fixtures.With(Fixtures.PaymentVs(http))).Routes(Fixtures.PaymentHost + ":8080")[0];
        Assert.Equal("header", Assert.Single(route.Matches).Name);
    }

    [Fact]
    public void VirtualServiceBoundOnlyToAGatewayDoesNotReachSidecars()
    {
        var vs = Fixtures.PaymentVs("- route: [{destination: {host: payment-service, subset: canary}}]", "gateways: [payment-gateway]");
        var route = Assert.Single(Mesh.Translate(Fixtures.With(vs)).Routes(Fixtures.PaymentHost + ":8080"));
        Assert.Equal("default", route.Name);
        Assert.Null(route.VirtualService);
    }

    [Fact]
    public void MatchGatewaysOverrideTopLevelGateways()
    {
        // Bound to a gateway at the top, but one match names mesh: that match (alone) reaches sidecars.
        var http = """
            - name: for-sidecars
              match: [{gateways: [mesh], uri: {prefix: /internal}}]
              route: [{destination: {host: payment-service, subset: canary}}]
            - name: for-gateway
              route: [{destination: {host: payment-service, subset: stable}}]
            """;
        var vs = Fixtures.PaymentVs(http, "gateways: [payment-gateway]");
        var routes = Mesh.Translate(Fixtures.With(Fixtures.PaymentDr(), vs)).Routes(Fixtures.PaymentHost + ":8080");
        Assert.Equal(["for-sidecars"], routes.Select(r => r.Name));
    }

    [Fact]
    public void VirtualServiceWithNoRouteForThisProxyFallsBackToTheDefaultRoute()
    {
        var http = """
            - match: [{sourceLabels: {app: batch}}]
              route: [{destination: {host: payment-service, subset: canary}}]
            """;
        var route = Assert.Single(Mesh.Translate(Fixtures.With(Fixtures.PaymentVs(http))).Routes(Fixtures.PaymentHost + ":8080"));
        Assert.Equal("default", route.Name);
    }
}
