using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Translate;

/// <summary>Delegation: a root rule's <c>delegate</c> is replaced by the delegate VirtualService's rules, merged with it.</summary>
public sealed class DelegateTests
{
    private const string Root = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: root, namespace: production}
        spec:
          hosts: [payment-service]
          http:
          - name: api
            match: [{uri: {prefix: /api}}]
            timeout: 5s
            delegate: {name: payments-api, namespace: team}
          - name: rest
            route: [{destination: {host: payment-service, subset: stable}}]
        """;

    private static string Delegate(string http, string exportTo = "") => $"""
        apiVersion: v1
        kind: Namespace
        metadata: {"{"}name: team{"}"}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {"{"}name: payments-api, namespace: team{"}"}
        spec:
        {Fixtures.Indent(exportTo, 2)}
          http:
        {Fixtures.Indent(http, 2)}
        """;

    private static IReadOnlyList<Route> Routes(string delegateHttp, string exportTo = "") =>
        Mesh.Translate(Fixtures.With(Fixtures.PaymentDr(), Root, Delegate(delegateHttp, exportTo))).Routes(Fixtures.PaymentHost + ":8080");

    [Fact]
    public void DelegateRulesReplaceTheRootRuleWithMatchesNarrowedAndRootSettingsInherited()
    {
        var routes = Routes("""
            - name: charge
              match: [{uri: {prefix: /api/v1/charge}, headers: {x-beta-user: {exact: "true"}}}]
              route: [{destination: {host: payment-service.production.svc.cluster.local, subset: canary}}]
            - name: other
              timeout: 1s
              route: [{destination: {host: payment-service.production.svc.cluster.local, subset: stable}}]
            """);

        Assert.Equal(["api.charge", "api.other", "rest"], routes.Select(r => r.Name));
        var charge = routes[0];
        Assert.Equal("team/payments-api", charge.VirtualService);
        var match = Assert.Single(charge.Matches);
        Assert.Equal(new StringMatcher(MatchKind.Prefix, "/api/v1/charge"), match.Path);
        Assert.Equal("x-beta-user", Assert.Single(match.Headers).Name);
        // The root's timeout applies where the delegate sets none; the delegate's own wins.
        Assert.Equal(TimeSpan.FromSeconds(5), charge.Forward!.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(1), routes[1].Forward!.Timeout);
        // A delegate rule without matches takes the root's.
        Assert.Equal(new StringMatcher(MatchKind.Prefix, "/api"), Assert.Single(routes[1].Matches).Path);
    }

    [Fact]
    public void DelegateMatchOutsideTheRootsIsDropped()
    {
        var routes = Routes("""
            - name: outside
              match: [{uri: {prefix: /admin}}]
              route: [{destination: {host: payment-service.production.svc.cluster.local, subset: canary}}]
            - name: inside
              match: [{uri: {exact: /api/health}}]
              directResponse: {status: 200}
            """);
        Assert.Equal(["api.inside", "rest"], routes.Select(r => r.Name));
        Assert.Equal(new StringMatcher(MatchKind.Exact, "/api/health"), routes[0].Matches[0].Path);
    }

    [Fact]
    public void DelegateDestinationsResolveInTheDelegatesNamespace()
    {
        var routes = Routes("""
            - route: [{destination: {host: payment-backend}}]
            """);
        Assert.Equal("outbound|8080||payment-backend.team.svc.cluster.local", routes[0].Forward!.Clusters[0].Cluster);
    }

    [Fact]
    public void DelegateNotExportedToTheRootsNamespaceContributesNothing()
    {
        var routes = Routes("- route: [{destination: {host: payment-service.production.svc.cluster.local, subset: canary}}]", "exportTo: [\".\"]");
        Assert.Equal(["rest"], routes.Select(r => r.Name));
    }

    [Fact]
    public void OnlyOneLevelOfDelegation()
    {
        var routes = Mesh.Translate(Fixtures.With(Fixtures.PaymentDr(), Root, Delegate("""
            - name: deeper
              delegate: {name: somewhere, namespace: team}
            - name: direct
              route: [{destination: {host: payment-service.production.svc.cluster.local, subset: canary}}]
            """)), allowInvalid: true).Routes(Fixtures.PaymentHost + ":8080");
        Assert.Equal(["api.direct", "rest"], routes.Select(r => r.Name));
    }

    [Fact]
    public void DelegateVirtualServiceWithoutHostsDoesNotRouteOnItsOwn()
    {
        var config = Mesh.Translate(Fixtures.With(Fixtures.PaymentDr(), Delegate("- route: [{destination: {host: payment-service.production.svc.cluster.local, subset: canary}}]")));
        Assert.Equal("default", Assert.Single(config.Routes(Fixtures.PaymentHost + ":8080")).Name);
    }
}
