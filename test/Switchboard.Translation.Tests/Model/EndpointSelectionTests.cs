using Switchboard.Model;
using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Model;

/// <summary>Which workloads serve a service port, and on which port (Kubernetes and ServiceEntry rules).</summary>
public sealed class EndpointSelectionTests
{
    private static IReadOnlyList<(string Address, int Port)> Endpoints(string yaml, string host, int port, string? ns = null)
    {
        var snapshot = Mesh.Snapshot(yaml);
        var service = snapshot.ServicesFor(host).Single(s => ns is null || s.Namespace == ns);
        return snapshot.EndpointsOf(service, port).Select(e => (e.Address, e.Port)).ToList();
    }

    private const string Pods = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web-a, namespace: shop, labels: {app: web, version: v1}}
        spec:
          serviceAccountName: web
          containers:
          - name: app
            ports: [{name: web, containerPort: 8081}]
        status: {podIP: 198.18.1.10}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-b, namespace: shop, labels: {app: web, version: v2}}
        spec:
          containers:
          - name: app
            ports: [{name: web, containerPort: 9091}]
        status: {podIP: 198.18.1.9}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-no-name, namespace: shop, labels: {app: web}}
        spec:
          containers: [{name: app}]
        status: {podIP: 198.18.1.11}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-pending, namespace: shop, labels: {app: web}}
        spec:
          containers: [{name: app}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-done, namespace: shop, labels: {app: web}}
        spec:
          containers: [{name: app}]
        status: {podIP: 198.18.1.12, phase: Succeeded}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-elsewhere, namespace: other, labels: {app: web}}
        spec:
          containers: [{name: app}]
        status: {podIP: 198.18.2.1}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: app}]}
        """;

    private static string Service(string targetPort) => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports:
          - {name: http, port: 80{{targetPort}}}
        ---
        {{Pods}}
        """;

    [Fact]
    public void NumericTargetPortAppliesToEveryPodWithAnIpInTheNamespace()
    {
        // Sorted by address numerically; the pending pod (no IP), the finished pod, the Deployment and the pod in
        // another namespace are not endpoints.
        Assert.Equal([("198.18.1.9", 8000), ("198.18.1.10", 8000), ("198.18.1.11", 8000)],
            Endpoints(Service(", targetPort: 8000"), "web.shop.svc.cluster.local", 80));
    }

    [Fact]
    public void MissingTargetPortMeansTheServicePort()
    {
        Assert.Equal([("198.18.1.9", 80), ("198.18.1.10", 80), ("198.18.1.11", 80)], Endpoints(Service(""), "web.shop.svc.cluster.local", 80));
    }

    [Fact]
    public void NamedTargetPortResolvesPerPodAndSkipsPodsWithoutIt()
    {
        Assert.Equal([("198.18.1.9", 9091), ("198.18.1.10", 8081)], Endpoints(Service(", targetPort: web"), "web.shop.svc.cluster.local", 80));
    }

    [Fact]
    public void EndpointsCarryLabelsServiceAccountAndWorkload()
    {
        var snapshot = Mesh.Snapshot(Service(", targetPort: web"));
        var service = snapshot.Services.Single();
        var endpoint = snapshot.EndpointsOf(service, 80).Single(e => e.Address == "198.18.1.10");
        Assert.Equal("web", endpoint.ServiceAccount);
        Assert.Equal("shop/web-a", endpoint.Workload);
        Assert.Equal("v1", endpoint.Labels["version"]);
    }

    [Fact]
    public void ServiceWithoutSelectorHasNoEndpoints()
    {
        var yaml = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              ports: [{name: http, port: 80}]
            """ + "\n---\n" + Pods;
        Assert.Empty(Endpoints(yaml, "web.shop.svc.cluster.local", 80));
    }

    [Theory]
    // The entry names the service port: that mapping wins over targetPort.
    [InlineData("{http: 18080}", ", targetPort: 8000", 18080)]
    // Not named: the numeric targetPort, else the service port.
    [InlineData("{grpc: 19090}", ", targetPort: 8000", 8000)]
    [InlineData("{}", "", 80)]
    public void WorkloadEntrySelectedByServiceUsesItsPortsByServicePortName(string entryPorts, string targetPort, int expected)
    {
        var yaml = $$"""
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: vm}
              ports: [{name: http, port: 80{{targetPort}}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {name: vm-1, namespace: shop}
            spec:
              address: 198.18.5.5
              labels: {app: vm}
              ports: {{entryPorts}}
            """;
        Assert.Equal([("198.18.5.5", expected)], Endpoints(yaml, "web.shop.svc.cluster.local", 80));
    }

    [Fact]
    public void ServiceEntryInlineEndpointsUsePortsOverrideElseTargetPortElseNumber()
    {
        var yaml = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: legacy, namespace: shop}
            spec:
              hosts: [legacy.internal]
              location: MESH_INTERNAL
              resolution: STATIC
              ports:
              - {number: 80, name: http, protocol: HTTP, targetPort: 8080}
              - {number: 9000, name: tcp-admin, protocol: TCP}
              endpoints:
              - address: 198.18.7.2
                ports: {http: 18080}
                labels: {version: v2}
                serviceAccount: legacy
              - address: 198.18.7.1
            """;
        Assert.Equal([("198.18.7.1", 8080), ("198.18.7.2", 18080)], Endpoints(yaml, "legacy.internal", 80));
        Assert.Equal([("198.18.7.1", 9000), ("198.18.7.2", 9000)], Endpoints(yaml, "legacy.internal", 9000));
        var snapshot = Mesh.Snapshot(yaml);
        var second = snapshot.EndpointsOf(snapshot.Services.Single(), 80)[1];
        Assert.Equal(("legacy", "v2"), (second.ServiceAccount, second.Labels["version"]));
        Assert.Null(second.Workload);
    }

    [Fact]
    public void ServiceEntryWorkloadSelectorTakesPodsAndWorkloadEntriesOfItsNamespace()
    {
        var yaml = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: web-se, namespace: shop}
            spec:
              hosts: [web.internal]
              location: MESH_INTERNAL
              resolution: STATIC
              ports: [{number: 80, name: http, protocol: HTTP, targetPort: 8000}]
              workloadSelector: {labels: {app: web}}
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {name: vm, namespace: shop}
            spec:
              address: 198.18.5.5
              labels: {app: web}
              ports: {http: 18080}
            """ + "\n---\n" + Pods;
        Assert.Equal([("198.18.1.9", 8000), ("198.18.1.10", 8000), ("198.18.1.11", 8000), ("198.18.5.5", 18080)],
            Endpoints(yaml, "web.internal", 80));
    }

    [Fact]
    public void DnsServiceEntryWithoutEndpointsResolvesItsOwnHost()
    {
        var yaml = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: ext, namespace: shop}
            spec:
              hosts: [api.example.com]
              resolution: DNS
              ports: [{number: 443, name: tls, protocol: TLS}]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: passthrough, namespace: shop}
            spec:
              hosts: [db.example.com]
              resolution: NONE
              ports: [{number: 5432, name: tcp, protocol: TCP}]
            """;
        Assert.Equal([("api.example.com", 443)], Endpoints(yaml, "api.example.com", 443));
        Assert.Empty(Endpoints(yaml, "db.example.com", 5432));
    }
}
