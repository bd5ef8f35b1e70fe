using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Translate;

/// <summary>Opaque-TCP services: which ports get one, and how VirtualService tcp rules become weighted L4 routes.</summary>
public sealed class TcpServiceTests
{
    private const string Database = """
        apiVersion: v1
        kind: Service
        metadata: {name: ledger-db, namespace: production}
        spec:
          selector: {app: ledger-db}
          ports:
          - {name: tcp-postgres, port: 5432}
          - {name: http-metrics, port: 9187}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: ledger-db, namespace: production}
        spec:
          host: ledger-db
          subsets:
          - {name: primary, labels: {role: primary}}
          - {name: replica, labels: {role: replica}}
        """;

    [Fact]
    public void Tcp_port_without_virtual_service_gets_a_default_route()
    {
        var config = Mesh.Translate(Fixtures.With(Database));
        var service = Assert.Single(config.TcpServices);
        Assert.Equal("ledger-db.production.svc.cluster.local:5432", service.Name);
        Assert.Contains("ledger-db:5432", service.Domains);
        var route = Assert.Single(service.Routes);
        Assert.Equal([("outbound|5432||ledger-db.production.svc.cluster.local", 100)], route.Clusters.Select(c => (c.Cluster, c.Weight)));
        // The HTTP port of the same service is an HTTP virtual host, not a TCP service.
        Assert.DoesNotContain(config.TcpServices, s => s.Port == 9187);
    }

    [Fact]
    public void Virtual_service_tcp_rule_splits_by_weight()
    {
        const string vs = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: ledger-db, namespace: production}
            spec:
              hosts: [ledger-db]
              tcp:
              - match: [{port: 9999}]
                route: [{destination: {host: ledger-db, subset: replica}}]
              - match: [{port: 5432}]
                route:
                - {destination: {host: ledger-db, subset: primary}, weight: 80}
                - {destination: {host: ledger-db, subset: replica}, weight: 20}
            """;
        var route = Assert.Single(Assert.Single(Mesh.Translate(Fixtures.With(Database, vs)).TcpServices).Routes);
        Assert.Equal("production/ledger-db", route.VirtualService);
        Assert.Equal(
            [("outbound|5432|primary|ledger-db.production.svc.cluster.local", 80), ("outbound|5432|replica|ledger-db.production.svc.cluster.local", 20)],
            route.Clusters.Select(c => (c.Cluster, c.Weight)));
    }

    [Fact]
    public void Rule_for_other_workloads_is_skipped()
    {
        const string vs = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: ledger-db, namespace: production}
            spec:
              hosts: [ledger-db]
              tcp:
              - match: [{sourceLabels: {app: reporting}}]
                route: [{destination: {host: ledger-db, subset: replica}}]
              - route: [{destination: {host: ledger-db, subset: primary}}]
            """;
        var route = Assert.Single(Assert.Single(Mesh.Translate(Fixtures.With(Database, vs)).TcpServices).Routes);
        Assert.Equal("outbound|5432|primary|ledger-db.production.svc.cluster.local", Assert.Single(route.Clusters).Cluster);
    }

    private const string Storefront = """
        apiVersion: v1
        kind: Service
        metadata: {name: storefront, namespace: production}
        spec:
          selector: {app: storefront}
          ports:
          - {name: https, port: 443}
        """;

    [Fact]
    public void Tls_rules_become_routes_limited_to_their_sni_hosts_then_the_default()
    {
        const string vs = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: storefront, namespace: production}
            spec:
              hosts: [storefront, shop.example.com, other.example.com]
              tls:
              - match: [{sniHosts: [shop.example.com], port: 443}]
                route: [{destination: {host: storefront, subset: v2}}]
              - match: [{sniHosts: [other.example.com], sourceLabels: {app: reporting}}]
                route: [{destination: {host: storefront, subset: v3}}]
            """;
        var routes = Assert.Single(Mesh.Translate(Fixtures.With(Storefront, vs)).TcpServices).Routes;
        Assert.Equal(["tls-0", "default"], routes.Select(r => r.Name));
        Assert.Equal(["shop.example.com"], routes[0].SniHosts);
        Assert.Equal("outbound|443|v2|storefront.production.svc.cluster.local", Assert.Single(routes[0].Clusters).Cluster);
        Assert.Empty(routes[1].SniHosts);
        Assert.Equal("outbound|443||storefront.production.svc.cluster.local", Assert.Single(routes[1].Clusters).Cluster);
    }

    [Fact]
    public void Tls_rules_are_ignored_on_a_plain_tcp_port_and_a_tcp_rule_follows_them_on_a_tls_port()
    {
        const string vs = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: ledger-db, namespace: production}
            spec:
              hosts: [ledger-db]
              tls:
              - match: [{sniHosts: [ledger-db]}]
                route: [{destination: {host: ledger-db, subset: replica}}]
              tcp:
              - route: [{destination: {host: ledger-db, subset: primary}}]
            """;
        var route = Assert.Single(Assert.Single(Mesh.Translate(Fixtures.With(Database, vs)).TcpServices).Routes);
        Assert.Equal("tcp-0", route.Name);
        var tlsPort = Database.Replace("tcp-postgres", "tls-postgres", StringComparison.Ordinal);
        var routes = Assert.Single(Mesh.Translate(Fixtures.With(tlsPort, vs)).TcpServices).Routes;
        Assert.Equal(["tls-0", "tcp-0"], routes.Select(r => r.Name));
    }
}
