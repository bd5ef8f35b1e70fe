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
}
