using Switchboard.Config.Networking;
using Switchboard.Model;
using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Model;

/// <summary>What a snapshot holds: services from Services and ServiceEntries, workloads, resolved hosts, lookups.</summary>
public sealed class MeshSnapshotTests
{
    [Fact]
    public void KubernetesServiceBecomesFqdnServiceWithVipPortsAndProtocols()
    {
        var snapshot = Mesh.Snapshot("""
            apiVersion: v1
            kind: Service
            metadata:
              name: api
              namespace: shop
              annotations: {networking.istio.io/exportTo: ".,istio-system"}
            spec:
              clusterIP: 198.19.0.9
              selector: {app: api}
              ports:
              - {name: http-web, port: 80, targetPort: web}
              - {name: grpc, port: 9090}
              - {name: metrics, port: 9100, appProtocol: http}
              - {name: db, port: 5432}
              - {name: dns, port: 53, protocol: UDP}
            """);

        var service = Assert.Single(snapshot.ServicesFor("api.shop.svc.cluster.local"));
        Assert.Equal(ServiceSourceKind.KubernetesService, service.SourceKind);
        Assert.Equal(("api", "shop"), (service.Name, service.Namespace));
        Assert.Equal("198.19.0.9", service.Vip);
        Assert.Equal([".", "istio-system"], service.ExportTo);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "api" }, service.Selector);
        // UDP is not carried by the mesh, so port 53 is dropped.
        Assert.Equal([80, 9090, 9100, 5432], service.Ports.Select(p => p.Number));
        Assert.Equal(["http", "grpc", "http", null], service.Ports.Select(p => p.Protocol));
        Assert.Equal(PortTarget.Named("web"), service.Ports[0].TargetPort);
        Assert.Null(service.Ports[1].TargetPort);
    }

    [Fact]
    public void ServiceEntryGivesOneServicePerHostKeepingResolutionAndLocation()
    {
        var snapshot = Mesh.Snapshot("""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: external, namespace: egress}
            spec:
              hosts: [api.example.com, "*.cdn.example.com"]
              addresses: [240.0.0.1, 240.1.0.0/16]
              ports:
              - {number: 443, name: https, protocol: HTTPS}
              - {number: 80, name: http, protocol: HTTP, targetPort: 8080}
              resolution: NONE
              location: MESH_EXTERNAL
              exportTo: ["*"]
            """);

        Assert.Equal(["*.cdn.example.com", "api.example.com"], snapshot.Services.Select(s => s.Host));
        var api = Assert.Single(snapshot.ServicesFor("api.example.com"));
        Assert.Equal(ServiceSourceKind.ServiceEntry, api.SourceKind);
        Assert.Equal(ServiceEntryResolution.None, api.Resolution);
        Assert.Equal(ServiceEntryLocation.MeshExternal, api.Location);
        Assert.Equal("240.0.0.1", api.Vip);
        Assert.Equal(["https", "http"], api.Ports.Select(p => p.Protocol));
        Assert.Equal(PortTarget.Of(8080), api.Ports[1].TargetPort);
    }

    [Fact]
    public void HeadlessServiceHasNoVip()
    {
        var snapshot = Mesh.Snapshot("""
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: data}
            spec:
              clusterIP: None
              ports: [{name: tcp, port: 5432}]
            """);
        Assert.Null(Assert.Single(snapshot.Services).Vip);
    }

    [Fact]
    public void WorkloadsComeFromPodsDeploymentsAndWorkloadEntries()
    {
        var snapshot = Mesh.Snapshot("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec:
              serviceAccountName: web-sa
              containers:
              - name: app
                ports: [{name: http, containerPort: 8080}, {containerPort: 9000}]
            status:
              podIP: 198.18.1.1
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: app}]
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {name: vm-1, namespace: shop, labels: {zone: a}}
            spec:
              address: 198.18.9.9
              labels: {app: web, zone: b}
              serviceAccount: vm-sa
              ports: {http: 18080}
              weight: 3
            """);

        // A Pod and a Deployment may share a name; the proxy's workload is then the Pod.
        var pod = snapshot.FindWorkload("shop/web");
        Assert.Equal((WorkloadKind.Pod, "198.18.1.1", "web-sa"), (pod!.Kind, pod.Ip, pod.ServiceAccount));
        Assert.Equal(new Dictionary<string, int> { ["http"] = 8080 }, pod.Ports);

        var deployment = snapshot.Workloads.Single(w => w.Kind == WorkloadKind.Deployment);
        Assert.Null(deployment.Ip);
        Assert.Equal("default", deployment.ServiceAccount);

        var vm = snapshot.FindWorkload("shop/vm-1");
        Assert.Equal((WorkloadKind.WorkloadEntry, "198.18.9.9", "vm-sa", 3), (vm!.Kind, vm.Ip, vm.ServiceAccount, vm.Weight));
        // Metadata labels win over spec labels, as Istio merges them.
        Assert.Equal("a", vm.Labels["zone"]);
        Assert.Equal("web", vm.Labels["app"]);
        Assert.Equal(18080, vm.Ports["http"]);
    }

    [Fact]
    public void DeploymentIsFoundByNameWhenNoPodHasIt()
    {
        var snapshot = Mesh.Snapshot("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: checkout-service, namespace: production}
            spec:
              template:
                metadata: {labels: {app: checkout-service}}
                spec:
                  serviceAccountName: checkout-sa
                  containers: [{name: app}]
            """);
        var workload = snapshot.FindWorkload("production/checkout-service");
        Assert.Equal((WorkloadKind.Deployment, "checkout-sa"), (workload!.Kind, workload.ServiceAccount));
        Assert.Null(snapshot.FindWorkload("production/missing"));
    }

    [Fact]
    public void VirtualServiceAndDestinationRuleHostsResolveInTheirOwnNamespace()
    {
        var snapshot = Mesh.Snapshot(Fixtures.With(
            """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: vs, namespace: shop}
            spec:
              hosts: [reviews, payment-service.production, "*.example.com", api.example.org]
              http:
              - route: [{destination: {host: reviews}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: dr, namespace: shop}
            spec:
              host: ratings
            """));

        var vs = Assert.Single(snapshot.VirtualServices);
        Assert.Equal(["reviews.shop.svc.cluster.local", Fixtures.PaymentHost, "*.example.com", "api.example.org"], vs.Hosts);
        Assert.Equal("shop/vs", vs.Key);
        Assert.Same(vs, snapshot.FindVirtualService("shop", "vs"));
        var dr = Assert.Single(snapshot.DestinationRulesFor("ratings.shop.svc.cluster.local"));
        Assert.Equal("shop/dr", dr.Key);
        Assert.Equal([dr], snapshot.DestinationRulesIn("shop"));
    }

    [Fact]
    public void OrderDoesNotDependOnInputOrder()
    {
        var resources = Mesh.Load(Fixtures.With(Fixtures.PaymentDr(), Fixtures.PaymentVs("- route: [{destination: {host: payment-service}}]")));
        var forward = MeshSnapshot.From(resources);
        var backward = MeshSnapshot.From(resources.Reverse().ToList());

        Assert.Equal(forward.Services.Select(s => s.Key), backward.Services.Select(s => s.Key));
        Assert.Equal(forward.Workloads.Select(w => w.Key), backward.Workloads.Select(w => w.Key));
        Assert.Equal(forward.VirtualServices.Select(v => (v.Key, v.Ordinal)), backward.VirtualServices.Select(v => (v.Key, v.Ordinal)));
        var service = forward.ServicesFor(Fixtures.PaymentHost)[0];
        Assert.Equal(forward.EndpointsOf(service, 8080), backward.EndpointsOf(backward.ServicesFor(Fixtures.PaymentHost)[0], 8080));
    }

    [Fact]
    public void SidecarsAreKeptOldestFirstPerNamespace()
    {
        var resources = Mesh.Load("""
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: z-older, namespace: shop, creationTimestamp: "2024-01-01T00:00:00Z"}
            spec:
              workloadSelector: {labels: {app: api}}
              egress: [{hosts: ["./*"]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: a-newer, namespace: shop, creationTimestamp: "2024-06-01T00:00:00Z"}
            spec:
              egress: [{hosts: ["./*"]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: default, namespace: istio-system, creationTimestamp: "2023-01-01T00:00:00Z"}
            spec:
              outboundTrafficPolicy: {mode: REGISTRY_ONLY}
            """);
        // Reversed input: the order comes from creationTimestamp, not from the order resources arrive in.
        var snapshot = MeshSnapshot.From(resources.Reverse().ToList());

        Assert.Equal(["istio-system/default", "shop/z-older", "shop/a-newer"], snapshot.Sidecars.Select(s => s.Key));
        Assert.Equal(["shop/z-older", "shop/a-newer"], snapshot.SidecarsIn("shop").Select(s => s.Key));
        Assert.Equal(new Dictionary<string, string> { ["app"] = "api" }, snapshot.SidecarsIn("shop")[0].Selector);
        Assert.Null(snapshot.SidecarsIn("shop")[1].Selector);
        Assert.Empty(snapshot.SidecarsIn("elsewhere"));
    }

    [Theory]
    [InlineData("", "production", "shop", true)]
    [InlineData("*", "production", "shop", true)]
    [InlineData(".", "production", "production", true)]
    [InlineData(".", "production", "shop", false)]
    [InlineData("shop", "production", "shop", true)]
    [InlineData("shop,istio-system", "production", "istio-system", true)]
    [InlineData("~", "production", "production", false)]
    [InlineData("other", "production", "shop", false)]
    public void ExportToRule(string exportTo, string owner, string viewer, bool visible)
    {
        var list = exportTo.Length == 0 ? [] : exportTo.Split(',');
        Assert.Equal(visible, ExportTo.IsVisible(list, owner, viewer));
    }
}
