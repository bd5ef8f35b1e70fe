using System.Net;
using Switchboard.Config.Loading;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Up;

namespace Switchboard.Runtime.Tests.Up;

/// <summary>What <c>sbctl up</c> plans for a Deployment: the environment a pod's containers get, and the Pod object it stores.</summary>
public sealed class PodPlanTests
{
    private const string Deployments = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: payment-service-v2, namespace: production }
        spec:
          replicas: 2
          selector: { matchLabels: { app: payment-service } }
          template:
            metadata: { labels: { app: payment-service, version: v2 } }
            spec:
              containers:
              - name: payment-service
                image: example/payment-service:2.0
                env:
                - { name: ERROR_RATE, value: "0.5" }
                - { name: POD_NAMESPACE, value: elsewhere }
                - name: POD_NAME
                  valueFrom: { fieldRef: { fieldPath: metadata.name } }
        """;

    private static IReadOnlyList<PlannedPod> Plan() =>
        PodPlan.Pods(new ConfigLoader().LoadText(Deployments, "test.yaml").Resources, new NetworkLayout(), ["sample"], new Random(3));

    [Fact]
    public void Containers_know_their_pod_as_Kubernetes_and_the_downward_API_tell_it()
    {
        var pods = Plan();
        Assert.Equal(2, pods.Count);
        foreach (var pod in pods)
        {
            var env = Assert.Single(pod.Containers).Env;
            Assert.Equal(pod.Name, env["HOSTNAME"]);
            // A valueFrom this runtime does not resolve leaves the runtime's value (the one fieldRef metadata.name means).
            Assert.Equal(pod.Name, env["POD_NAME"]);
            // A value the Deployment sets wins.
            Assert.Equal("elsewhere", env["POD_NAMESPACE"]);
            Assert.Equal("0.5", env["ERROR_RATE"]);
        }
        Assert.NotEqual(pods[0].Containers[0].Env["POD_NAME"], pods[1].Containers[0].Env["POD_NAME"]);
    }

    [Fact]
    public void An_image_only_container_runs_the_sample_workload_as_its_app_and_version() =>
        Assert.Equal(["sample", "--name", "payment-service", "--version", "v2", "--port", "8080"], Plan()[0].Containers[0].Command);

    [Fact]
    public void The_stored_pod_names_its_node_and_address()
    {
        var pod = Plan()[0];
        var loaded = new ConfigLoader().LoadText(PodPlan.PodYaml(pod, "node-1"), "pod.yaml");
        Assert.Empty(loaded.Problems);
        var yaml = PodPlan.PodYaml(pod, "node-1");
        Assert.Contains("  nodeName: \"node-1\"\n", yaml);
        Assert.Contains($"  podIP: {IPAddress.Parse("198.18.0.11")}\n", yaml);
    }

    [Fact]
    public void Pods_carry_their_template_hash_as_the_ReplicaSet_controller_labels_them()
    {
        // Telemetry names a pod's workload (its Deployment) by this label: payment-service-v2-HASH-xxxxx → payment-service-v2.
        var pod = Plan()[0];
        var hash = pod.Labels["pod-template-hash"];
        Assert.StartsWith($"{pod.Owner}-{hash}-", pod.Name);
        Assert.Equal("v2", pod.Labels["version"]);
        Assert.Contains($"    \"pod-template-hash\": \"{hash}\"\n", PodPlan.PodYaml(pod, "node-1"));
    }

    private const string Payments = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: production, labels: { istio-injection: enabled } }
        ---
        apiVersion: v1
        kind: Namespace
        metadata: { name: batch }
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: mtls-debug-pod
          namespace: production
          labels: { sidecar.istio.io/inject: "false" }
        spec:
          containers:
          - { name: curl-debug, image: curlimages/curl:8.5.0, command: ["sleep", "3600"] }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: checkout, namespace: production }
        spec:
          template:
            metadata: { labels: { app: checkout } }
            spec: { containers: [{ name: checkout, image: example/checkout:1 }] }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: nightly, namespace: batch }
        spec:
          template:
            metadata: { labels: { app: nightly } }
            spec: { containers: [{ name: nightly, image: example/nightly:1 }] }
        """;

    [Fact]
    public void A_bare_pod_runs_by_its_own_name_and_the_injection_rule_decides_who_gets_a_sidecar()
    {
        var resources = new ConfigLoader().LoadText(Payments, "payments.yaml").Resources;
        var templates = WorkloadTemplate.From(resources).ToDictionary(t => t.Owner.Name);
        Assert.True(templates["checkout"].Injected);
        Assert.False(templates["nightly"].Injected); // its namespace is not labelled for injection
        var debug = PodPlan.Pod(templates["mtls-debug-pod"], IPAddress.Parse("198.18.0.20"), ["sample"], new Random(1));
        Assert.Equal("mtls-debug-pod", debug.Name);
        Assert.Equal(WorkloadKey.Pod, debug.OwnerKind);
        Assert.False(debug.Injected);
        Assert.False(debug.HasSidecar);
        Assert.Equal(["sleep", "3600"], debug.Containers[0].Command);
        Assert.DoesNotContain("pod-template-hash", debug.Labels.Keys);
    }

    [Fact]
    public void A_bare_pods_stored_status_keeps_its_spec_and_is_not_taken_for_a_new_pod()
    {
        var resources = new ConfigLoader().LoadText(Payments, "payments.yaml").Resources;
        var template = WorkloadTemplate.From(resources).Single(t => t.Owner.Kind == WorkloadKey.Pod);
        var pod = PodPlan.Pod(template, IPAddress.Parse("198.18.0.20"), ["sample"], new Random(1));
        var stored = new ConfigLoader().LoadText(PodPlan.PodYaml(pod, "node-1"), "pod.yaml");
        Assert.Empty(stored.Problems);
        var body = Assert.IsType<Switchboard.Config.Resource<Switchboard.Config.Kubernetes.PodBody>>(Assert.Single(stored.Resources));
        Assert.Equal("198.18.0.20", body.Spec.Status?.PodIP);
        Assert.Equal("node-1", body.Spec.Spec?.NodeName);
        Assert.Equal(["sleep", "3600"], body.Spec.Spec?.Containers[0].Command);
        // Read back as the store publishes it, the Pod is still the same bare workload (same hash): the reconciler leaves it be.
        var again = Assert.Single(WorkloadTemplate.From(stored.Resources));
        Assert.Equal(template.Owner, again.Owner);
        Assert.Equal(template.Hash, again.Hash);
    }

    [Fact]
    public void A_deployments_stored_pod_names_its_owner_so_it_is_not_taken_for_a_bare_pod()
    {
        var pod = Plan()[0];
        var stored = new ConfigLoader().LoadText(PodPlan.PodYaml(pod, "node-1"), "pod.yaml").Resources;
        Assert.Empty(WorkloadTemplate.From(stored));
    }
}
