using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Translate;

/// <summary>What a proxy gets: services exported to it, route tables for HTTP ports only, the VirtualService that wins a host.</summary>
public sealed class ScopeTests
{
    private const string Jobs = """
        apiVersion: v1
        kind: Pod
        metadata: {name: batch, namespace: jobs, labels: {app: batch}}
        spec: {containers: [{name: app}]}
        status: {podIP: 198.18.0.41}
        """;

    private static IReadOnlyList<string> ClusterNames(ProxyConfig.ProxyConfig config) => config.Clusters.Select(c => c.Name).ToList();

    [Theory]
    [InlineData("", true, true)]
    [InlineData("\"*\"", true, true)]
    [InlineData(".", true, false)]
    [InlineData("jobs", false, true)]
    [InlineData("\".,jobs\"", true, true)]
    public void ServiceExportToAnnotation(string exportTo, bool inProduction, bool inJobs)
    {
        var service = $$"""
            apiVersion: v1
            kind: Service
            metadata:
              name: ledger
              namespace: production
              annotations: {{(exportTo.Length == 0 ? "{}" : $"{{networking.istio.io/exportTo: {exportTo}}}")}}
            spec:
              ports: [{name: http, port: 80}]
            """;
        var yaml = Fixtures.With(Jobs, service);
        const string cluster = "outbound|80||ledger.production.svc.cluster.local";
        Assert.Equal(inProduction, ClusterNames(Mesh.Translate(yaml, "production/checkout")).Contains(cluster));
        Assert.Equal(inJobs, ClusterNames(Mesh.Translate(yaml, "jobs/batch")).Contains(cluster));
    }

    [Fact]
    public void ServiceEntryExportTo()
    {
        var entry = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: ext, namespace: production}
            spec:
              hosts: [api.example.com]
              resolution: DNS
              exportTo: ["."]
              ports: [{number: 443, name: tls, protocol: TLS}]
            """;
        var yaml = Fixtures.With(Jobs, entry);
        Assert.Contains("outbound|443||api.example.com", ClusterNames(Mesh.Translate(yaml, "production/checkout")));
        Assert.DoesNotContain("outbound|443||api.example.com", ClusterNames(Mesh.Translate(yaml, "jobs/batch")));
    }

    [Fact]
    public void VirtualServiceExportTo()
    {
        var vs = Fixtures.PaymentVs("- route: [{destination: {host: payment-service, subset: canary}}]", "exportTo: [\".\"]");
        var yaml = Fixtures.With(Jobs, Fixtures.PaymentDr(), vs);
        Assert.Equal("route-0", Mesh.Translate(yaml, "production/checkout").Routes(Fixtures.PaymentHost + ":8080")[0].Name);
        Assert.Equal("default", Mesh.Translate(yaml, "jobs/batch").Routes(Fixtures.PaymentHost + ":8080")[0].Name);
    }

    [Fact]
    public void TcpPortsGetClustersButNoRouteTable()
    {
        var db = """
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: production}
            spec:
              selector: {app: db}
              ports:
              - {name: tcp-postgres, port: 5432}
              - {name: mongo, port: 27017}
              - {name: web, port: 8081}
            """;
        var config = Mesh.Translate(Fixtures.With(db));
        Assert.Contains("outbound|5432||db.production.svc.cluster.local", ClusterNames(config));
        Assert.Equal("tcp", config.Cluster("outbound|5432||db.production.svc.cluster.local").Protocol);
        // 8081 has no protocol in its name: sniffed, so it may be HTTP and gets routes.
        Assert.Equal([8080, 8081], config.RouteTables.Select(t => t.Port));
        Assert.Equal(["8080", "8081"], config.RouteTables.Select(t => t.Name));
        Assert.Null(config.Cluster("outbound|8081||db.production.svc.cluster.local").Protocol);
    }

    [Fact]
    public void WithoutAVirtualServiceAServiceGetsTheDefaultRoute()
    {
        var route = Assert.Single(Mesh.Translate(Fixtures.Base).Routes(Fixtures.PaymentHost + ":8080"));
        Assert.Equal("default", route.Name);
        Assert.Empty(route.Matches);
        Assert.Equal([new WeightedCluster { Cluster = "outbound|8080||" + Fixtures.PaymentHost, Weight = 100 }], route.Forward!.Clusters);
        Assert.Equal(RetryPolicy.IstioDefault, route.Forward.Retry);
        Assert.Null(route.Forward.Timeout);
    }

    [Fact]
    public void OldestVirtualServiceWinsAContestedHost()
    {
        var first = Fixtures.PaymentVs("- route: [{destination: {host: payment-service, subset: stable}}]", name: "first");
        var wildcard = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: wildcard, namespace: production}
            spec:
              hosts: ["*.production.svc.cluster.local"]
              http:
              - route: [{destination: {host: payment-service, subset: canary}}]
            """;
        Assert.Equal("production/first", Mesh.Translate(Fixtures.With(first, wildcard)).Routes(Fixtures.PaymentHost + ":8080")[0].VirtualService);
        Assert.Equal("production/wildcard", Mesh.Translate(Fixtures.With(wildcard, first)).Routes(Fixtures.PaymentHost + ":8080")[0].VirtualService);
    }

    [Fact]
    public void WildcardVirtualServiceCoversServiceEntryHosts()
    {
        var yaml = Fixtures.With("""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: ext, namespace: production}
            spec:
              hosts: [api.example.com]
              resolution: DNS
              ports: [{number: 80, name: http, protocol: HTTP}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: ext, namespace: production}
            spec:
              hosts: ["*.example.com"]
              http:
              - timeout: 3s
                route: [{destination: {host: api.example.com}}]
            """);
        var route = Mesh.Translate(yaml).Routes("api.example.com:80")[0];
        Assert.Equal(TimeSpan.FromSeconds(3), route.Forward!.Timeout);
        Assert.Equal("outbound|80||api.example.com", route.Forward.Clusters[0].Cluster);
    }

    [Fact]
    public void ServiceEntryDecoratingAServiceDoesNotReplaceIt()
    {
        var decorator = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: decorate, namespace: production}
            spec:
              hosts: [payment-service.production.svc.cluster.local]
              location: MESH_INTERNAL
              resolution: DNS
              ports: [{number: 9999, name: http, protocol: HTTP}]
            """;
        var config = Mesh.Translate(Fixtures.With(decorator));
        Assert.Contains("outbound|8080||" + Fixtures.PaymentHost, ClusterNames(config));
        Assert.DoesNotContain("outbound|9999||" + Fixtures.PaymentHost, ClusterNames(config));
    }

    [Fact]
    public void ServiceEntryClustersFollowResolution()
    {
        var yaml = Fixtures.With("""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: dns, namespace: production}
            spec:
              hosts: [api.example.com]
              resolution: DNS
              ports: [{number: 443, name: tls, protocol: TLS}]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: none, namespace: production}
            spec:
              hosts: [db.example.com]
              addresses: [240.0.0.5]
              resolution: NONE
              ports: [{number: 5432, name: tcp, protocol: TCP}]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: static, namespace: production}
            spec:
              hosts: [vm.internal]
              location: MESH_INTERNAL
              resolution: STATIC
              ports: [{number: 80, name: http, protocol: HTTP}]
              endpoints: [{address: 198.18.9.1}]
            """);
        var config = Mesh.Translate(yaml);
        Assert.Equal(ClusterDiscovery.Dns, config.Cluster("outbound|443||api.example.com").Discovery);
        Assert.Equal(ClusterDiscovery.OriginalDestination, config.Cluster("outbound|5432||db.example.com").Discovery);
        Assert.Equal(ClusterDiscovery.Endpoints, config.Cluster("outbound|80||vm.internal").Discovery);
        Assert.Equal(["api.example.com"], config.EndpointsOf("outbound|443||api.example.com").Select(e => e.Address));
        Assert.Empty(config.EndpointsOf("outbound|5432||db.example.com"));
    }

    [Fact]
    public void SubsetClustersGetOnlyTheEndpointsWithTheSubsetsLabels()
    {
        var config = Mesh.Translate(Fixtures.With(Fixtures.PaymentDr()));
        Assert.Equal(["198.18.0.11", "198.18.0.12", "198.18.0.21"], config.EndpointsOf("outbound|8080||" + Fixtures.PaymentHost).Select(e => e.Address));
        Assert.Equal(["198.18.0.11", "198.18.0.12"], config.EndpointsOf("outbound|8080|stable|" + Fixtures.PaymentHost).Select(e => e.Address));
        var canary = Assert.Single(config.EndpointsOf("outbound|8080|canary|" + Fixtures.PaymentHost));
        Assert.Equal(("198.18.0.21", 8080, "payment-service-v2", "production/payment-v2-a"), (canary.Address, canary.Port, canary.ServiceAccount, canary.Workload));
        // Every cluster has its (possibly empty) endpoint list, in cluster-name order.
        Assert.Equal(config.Clusters.Select(c => c.Name), config.Endpoints.Select(e => e.Cluster));
    }

    [Fact]
    public void SubsetWithNoMatchingEndpointsIsEmpty()
    {
        var dr = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: typo, namespace: production}
            spec:
              host: payment-service
              subsets: [{name: v3, labels: {version: v3}}]
            """;
        Assert.Empty(Mesh.Translate(Fixtures.With(dr)).EndpointsOf("outbound|8080|v3|" + Fixtures.PaymentHost));
    }
}
