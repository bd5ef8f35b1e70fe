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
}
