using System.Net;
using System.Text;
using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Up;

/// <summary>One container of a planned pod: what to run, as whom, with which environment.</summary>
public sealed record PlannedContainer(string Name, IReadOnlyList<string> Command, IReadOnlyDictionary<string, string> Env, int? Port, long? RunAsUser);

/// <summary>
/// One pod the runtime will start: Kubernetes-style name, namespace, the workload it belongs to (<see cref="Owner"/>, a
/// Deployment's or Job's name), address, identity, labels and containers.
/// </summary>
public sealed record PlannedPod(string Namespace, string Name, string Owner, IPAddress Address, string ServiceAccount,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, IReadOnlyList<PlannedContainer> Containers,
    IReadOnlyList<int>? GatewayPorts = null)
{
    public string Netns => NetworkLayout.NamespaceOf(Namespace, Name);

    /// <summary>A gateway pod (<see cref="GatewayPods"/>): the proxy in the gateway role on <see cref="GatewayPorts"/>, no app, no capture.</summary>
    public bool IsGateway => GatewayPorts is not null;

    /// <summary>Deployment or Job.</summary>
    public string OwnerKind { get; init; } = WorkloadKey.Deployment;

    public WorkloadKey OwnerKey => new(OwnerKind, Namespace, Owner);

    /// <summary>The hash of the template it was made from (a changed template replaces the pod).</summary>
    public string TemplateHash { get; init; } = "";

    /// <summary>How its apps restart: always (Deployments), on failure or never (Jobs).</summary>
    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.Always;

    /// <summary>At most this many restarts of an app (a Job's backoffLimit under OnFailure).</summary>
    public int MaxRestarts { get; init; } = int.MaxValue;

    /// <summary>Whether Istio's injection rule gives it a sidecar (<see cref="WorkloadTemplate.Injected"/>).</summary>
    public bool Injected { get; init; } = true;

    /// <summary>A sidecar beside its apps, and capture rules sending their traffic through it.</summary>
    public bool HasSidecar => Injected && !IsGateway;

    /// <summary>A proxy process of its own: a sidecar, or the gateway that the pod is.</summary>
    public bool HasProxy => Injected || IsGateway;

    /// <summary>Its apps finish (a Job's pod, a bare Pod that does not restart Always): the pod ends when they have.</summary>
    public bool RunsToCompletion => RestartPolicy != RestartPolicy.Always;

    /// <summary>A bare Pod's own document (<see cref="DeclaredPod"/>): its stored object is that, with a status.</summary>
    public Config.Nodes.MappingNode? Declared { get; init; }
}

/// <summary>
/// What <c>sbctl up</c> makes of a workload's template (pure, so it is tested without root):
/// - pods named as Kubernetes names them (<c>&lt;deployment&gt;-&lt;template hash&gt;-&lt;5 random&gt;</c>), at the address given,
///   a Deployment's labelled with <c>pod-template-hash</c> as the ReplicaSet controller does (telemetry names the workload by it);
/// - a gateway's pod (<see cref="GatewayPods"/>) is the proxy itself: no app containers;
/// - a container that names only an image runs the sample workload (<c>sbctl x sample-app</c>) as that service;
/// - a bare Pod of the config is named as it is.
/// </summary>
public static class PodPlan
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789"; // Kubernetes' suffix alphabet: no vowels, no look-alikes

    /// <summary>Every Deployment's replicas and every bare Pod that keeps running, with addresses in order: what a fresh run starts and keeps.</summary>
    public static IReadOnlyList<PlannedPod> Pods(IReadOnlyList<Resource> resources, NetworkLayout layout, IReadOnlyList<string> sampleApp, Random random)
    {
        var pods = new List<PlannedPod>();
        foreach (var template in WorkloadTemplate.From(resources).Where(t => !t.RunsToCompletion))
        {
            for (var i = 0; i < template.Replicas; i++) pods.Add(Pod(template, layout.PodAddress(pods.Count), sampleApp, random));
        }
        return pods;
    }

    /// <summary>
    /// A new pod of <paramref name="template"/> at <paramref name="address"/>, named as Kubernetes names it: a Deployment's
    /// <c>&lt;deployment&gt;-&lt;template hash&gt;-&lt;5 random&gt;</c>, a Job's <c>&lt;job&gt;-&lt;5 random&gt;</c>.
    /// </summary>
    public static PlannedPod Pod(WorkloadTemplate template, IPAddress address, IReadOnlyList<string> sampleApp, Random random)
    {
        var labels = template.Template.Metadata?.Labels ?? ObjectMeta.Empty;
        var spec = template.Template.Spec;
        var owner = template.Owner;
        var suffix = new string(Enumerable.Range(0, 5).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
        var name = owner.Kind switch
        {
            WorkloadKey.Pod => owner.Name,
            WorkloadKey.Job => $"{owner.Name}-{suffix}",
            _ => $"{owner.Name}-{template.Hash}-{suffix}",
        };
        var annotations = template.Template.Metadata?.Annotations ?? ObjectMeta.Empty;
        // A gateway's container is the proxy itself: the runtime starts it in the gateway role instead of an app.
        var gateway = GatewayPods.IsGateway(spec, annotations);
        var containers = gateway ? [] : (spec?.Containers ?? []).Select(c => Container(c, spec, labels, owner, name, sampleApp)).ToList();
        var podLabels = owner.Kind != WorkloadKey.Deployment ? labels : new Dictionary<string, string>(labels, StringComparer.Ordinal) { ["pod-template-hash"] = template.Hash };
        return new PlannedPod(owner.Namespace, name, owner.Name, address, string.IsNullOrEmpty(spec?.ServiceAccountName) ? "default" : spec.ServiceAccountName,
            podLabels, annotations, containers, gateway ? GatewayPods.Ports(spec) : null)
        {
            OwnerKind = owner.Kind,
            TemplateHash = template.Hash,
            RestartPolicy = template.RestartPolicy,
            MaxRestarts = template.RunsToCompletion && owner.Kind == WorkloadKey.Job ? template.BackoffLimit : int.MaxValue,
            Injected = template.Injected,
            Declared = template.Declared,
        };
    }

    /// <summary>
    /// The Pod object the control plane learns (status.podIP makes a Running pod an endpoint; spec.nodeName is this
    /// machine, where it runs), as YAML. A starting pod is stored Pending without an address; a finished Job pod
    /// Succeeded or Failed: no longer an endpoint. A Deployment's or Job's pod names its owner (ownerReferences, as the
    /// ReplicaSet and Job controllers set them); a bare Pod's object is its own document with the status added.
    /// </summary>
    public static string PodYaml(PlannedPod pod, string node, PodPhase phase = PodPhase.Running)
    {
        if (pod.Declared is { } declared) return DeclaredPod.WithStatus(declared, node, phase, pod.Address);
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: v1\nkind: Pod\nmetadata:\n");
        yaml.Append($"  name: {pod.Name}\n  namespace: {pod.Namespace}\n");
        yaml.Append(pod.OwnerKind == WorkloadKey.Job
            ? $"  ownerReferences: [{{apiVersion: batch/v1, kind: Job, name: {Quote(pod.Owner)}, controller: true}}]\n"
            : $"  ownerReferences: [{{apiVersion: apps/v1, kind: ReplicaSet, name: {Quote($"{pod.Owner}-{pod.TemplateHash}")}, controller: true}}]\n");
        if (pod.Labels.Count > 0) yaml.Append("  labels:\n").AppendJoin("", pod.Labels.Select(l => $"    {Quote(l.Key)}: {Quote(l.Value)}\n"));
        if (pod.Annotations.Count > 0) yaml.Append("  annotations:\n").AppendJoin("", pod.Annotations.Select(a => $"    {Quote(a.Key)}: {Quote(a.Value)}\n"));
        yaml.Append($"spec:\n  serviceAccountName: {pod.ServiceAccount}\n  nodeName: {Quote(node)}\n  containers:\n");
        foreach (var c in pod.Containers)
        {
            yaml.Append($"  - name: {Quote(c.Name)}\n");
            if (c.Port is { } port) yaml.Append($"    ports: [{{containerPort: {port}}}]\n");
        }
        if (pod.GatewayPorts is { } gatewayPorts)
        {
            yaml.Append("  - name: istio-proxy\n");
            if (gatewayPorts.Count > 0) yaml.Append($"    ports: [{string.Join(", ", gatewayPorts.Select(p => $"{{containerPort: {p}}}"))}]\n");
        }
        // A Pending pod has no address yet as far as the control plane knows: nobody is sent to it before its app listens.
        yaml.Append($"status:\n  phase: {phase}\n");
        if (phase != PodPhase.Pending) yaml.Append($"  podIP: {pod.Address}\n");
        return yaml.ToString();
    }

    private static PlannedContainer Container(Container c, PodSpec? spec, IReadOnlyDictionary<string, string> labels, WorkloadKey owner, string pod, IReadOnlyList<string> sampleApp)
    {
        var port = c.Ports.Select(p => p.ContainerPort).FirstOrDefault(p => p is not null);
        var command = c.Command.Concat(c.Args).ToList();
        if (command.Count == 0)
        {
            // No command: the sample workload stands in for the image, named after the app it is.
            var name = labels.GetValueOrDefault("app") ?? owner.Name;
            command = [.. sampleApp, "--name", name, "--version", labels.GetValueOrDefault("version") ?? "v1", "--port", (port ?? 8080).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }
        // What Kubernetes gives every container (HOSTNAME is the pod's name) and what the downward API usually adds
        // (POD_NAME, POD_NAMESPACE), so the sample workload can say which pod answered; the container's own values win,
        // except an empty one from a valueFrom this runtime does not resolve.
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOSTNAME"] = pod, ["POD_NAME"] = pod, ["POD_NAMESPACE"] = owner.Namespace };
        foreach (var e in c.Env.Where(e => e.Name is not null))
        {
            if (e.Value is not null || !env.ContainsKey(e.Name!)) env[e.Name!] = e.Value ?? "";
        }
        return new PlannedContainer(c.Name ?? "app", command, env, port, c.SecurityContext?.RunAsUser ?? spec?.SecurityContext?.RunAsUser);
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
