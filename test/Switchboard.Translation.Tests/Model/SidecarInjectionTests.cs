using Switchboard.Model;
using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Model;

/// <summary>
/// Istio's injection rule (its mutating webhooks' selectors: a labelled namespace decides, a pod label opts out or,
/// in an unlabelled namespace, opts in) and the WorkloadEntry rule (a proxy only when labelled tlsMode=istio).
/// </summary>
public sealed class SidecarInjectionTests
{
    private static Dictionary<string, string> Labels(string pairs) => pairs.Length == 0
        ? []
        : pairs.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

    public static TheoryData<string, string, string, string?, bool> Cases() => new()
    {
        // because, pod labels, pod annotations, namespace labels (null: no Namespace object), injected
        { "namespace istio-injection=enabled", "", "", "istio-injection=enabled", true },
        { "namespace without injection labels", "", "", "team=shop", false },
        { "no Namespace object at all", "", "", null, false },
        { "namespace istio-injection=disabled", "", "", "istio-injection=disabled", false },
        { "pod label opts out of an enabled namespace", "sidecar.istio.io/inject=false", "", "istio-injection=enabled", false },
        { "deprecated pod annotation opts out too", "", "sidecar.istio.io/inject=false", "istio-injection=enabled", false },
        { "pod label opts in where the namespace says nothing", "sidecar.istio.io/inject=true", "", "team=shop", true },
        { "pod annotation alone does not opt in (the webhook selects on labels)", "", "sidecar.istio.io/inject=true", "team=shop", false },
        { "pod opt-in does not beat a disabled namespace", "sidecar.istio.io/inject=true", "", "istio-injection=disabled", false },
        { "namespace istio.io/rev", "", "", "istio.io/rev=canary", true },
        { "istio.io/rev with istio-injection=disabled", "", "", "istio.io/rev=canary,istio-injection=disabled", false },
        { "pod opts out of a revision namespace", "sidecar.istio.io/inject=false", "", "istio.io/rev=canary", false },
        { "pod istio.io/rev label where the namespace says nothing", "istio.io/rev=canary", "", null, true },
        { "pod already injected (tlsMode label)", "security.istio.io/tlsMode=istio", "", null, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pod_injection_follows_istio(string because, string labels, string annotations, string? namespaceLabels, bool injected)
    {
        var actual = SidecarInjection.IsInjected(Labels(labels), Labels(annotations), namespaceLabels is null ? null : Labels(namespaceLabels));
        Assert.True(injected == actual, because);
    }

    [Fact]
    public void Workloads_and_their_endpoints_carry_the_decision()
    {
        var snapshot = Mesh.Snapshot("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {istio-injection: enabled}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: shop}
            spec:
              selector: {app: api}
              ports: [{name: http, port: 80, targetPort: 8080}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api-meshed, namespace: shop, labels: {app: api}}
            spec: {containers: [{name: app}]}
            status: {podIP: 198.18.0.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api-opted-out, namespace: shop, labels: {app: api, sidecar.istio.io/inject: "false"}}
            spec: {containers: [{name: app}]}
            status: {podIP: 198.18.0.2}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: worker, namespace: shop}
            spec:
              selector: {matchLabels: {app: worker}}
              template:
                metadata: {labels: {app: worker}, annotations: {sidecar.istio.io/inject: "false"}}
                spec: {containers: [{name: app}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {name: vm-with-proxy, namespace: shop}
            spec: {address: 10.0.0.1, labels: {app: api, security.istio.io/tlsMode: istio}}
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {name: vm-plain, namespace: shop}
            spec: {address: 10.0.0.2, labels: {app: api}}
            """);

        Assert.Equal(
            [("api-meshed", true), ("api-opted-out", false), ("vm-plain", false), ("vm-with-proxy", true), ("worker", false)],
            snapshot.WorkloadsIn("shop").Select(w => (w.Name, w.HasSidecar)));
        var service = Assert.Single(snapshot.ServicesFor("api.shop.svc.cluster.local"));
        // A Kubernetes Service selects WorkloadEntries as well as pods (as Istio does); each endpoint keeps its workload's answer.
        Assert.Equal([("10.0.0.1", true), ("10.0.0.2", false), ("198.18.0.1", true), ("198.18.0.2", false)], snapshot.EndpointsOf(service, 80).Select(e => (e.Address, e.HasSidecar)));
    }

    [Fact]
    public void Service_entry_endpoints_have_a_proxy_only_when_labelled()
    {
        var snapshot = Mesh.Snapshot("""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: vms, namespace: shop}
            spec:
              hosts: [vms.example.internal]
              location: MESH_INTERNAL
              resolution: STATIC
              ports: [{number: 80, name: http, protocol: HTTP}]
              endpoints:
              - {address: 10.0.0.1, labels: {security.istio.io/tlsMode: istio}}
              - {address: 10.0.0.2}
            """);

        var service = Assert.Single(snapshot.ServicesFor("vms.example.internal"));
        Assert.Equal([("10.0.0.1", true), ("10.0.0.2", false)], snapshot.EndpointsOf(service, 80).Select(e => (e.Address, e.HasSidecar)));
    }
}
