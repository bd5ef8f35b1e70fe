using System.Net;
using System.Security.Cryptography;
using System.Text;
using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using Switchboard.Runtime.Network;

namespace Switchboard.Runtime.Up;

/// <summary>One container of a planned pod: what to run, as whom, with which environment.</summary>
public sealed record PlannedContainer(string Name, IReadOnlyList<string> Command, IReadOnlyDictionary<string, string> Env, int? Port, long? RunAsUser);

/// <summary>One pod the runtime will start: Kubernetes-style name, namespace, address, identity, labels and containers.</summary>
public sealed record PlannedPod(string Namespace, string Name, string Deployment, IPAddress Address, string ServiceAccount,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, IReadOnlyList<PlannedContainer> Containers,
    IReadOnlyList<int>? GatewayPorts = null)
{
    public string Netns => NetworkLayout.NamespaceOf(Namespace, Name);

    /// <summary>A gateway pod (<see cref="GatewayPods"/>): the proxy in the gateway role on <see cref="GatewayPorts"/>, no app, no capture.</summary>
    public bool IsGateway => GatewayPorts is not null;
}

/// <summary>
/// What <c>sbctl up</c> makes of a directory's Deployments and Services (pure, so it is tested without root):
/// - per Deployment, <c>replicas</c> pods named as Kubernetes names them (<c>&lt;deployment&gt;-&lt;template hash&gt;-&lt;5 random&gt;</c>),
///   labelled with their template's labels plus <c>pod-template-hash</c>, each with the next pod address;
/// - per Service a VIP in 198.19.0.0/16, and the host names pods resolve to it (<c>svc</c>, <c>svc.ns</c>,
///   <c>svc.ns.svc</c>, <c>svc.ns.svc.cluster.local</c>): any address works, the sidecar captures it and routes by name;
/// - a container that names only an image runs the sample workload (<c>sbctl x sample-app</c>) as that service.
/// </summary>
public static class PodPlan
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789"; // Kubernetes' suffix alphabet: no vowels, no look-alikes

    public static IReadOnlyList<PlannedPod> Pods(IReadOnlyList<Resource> resources, NetworkLayout layout, IReadOnlyList<string> sampleApp, Random random)
    {
        var pods = new List<PlannedPod>();
        foreach (var deployment in resources.OfType<Resource<DeploymentSpec>>().OrderBy(d => d.Namespace, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal))
        {
            var template = deployment.Spec.Template;
            var labels = template?.Metadata?.Labels ?? ObjectMeta.Empty;
            var spec = template?.Spec;
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deployment.Namespace + "/" + deployment.Name + "/" + string.Join(",", labels.Select(l => l.Key + "=" + l.Value)))))[..10];
            // As the ReplicaSet controller labels its pods: telemetry names the workload (the Deployment, not the pod) by it.
            var podLabels = new Dictionary<string, string>(labels, StringComparer.Ordinal) { ["pod-template-hash"] = hash };
            for (var i = 0; i < (deployment.Spec.Replicas ?? 1); i++)
            {
                var suffix = new string(Enumerable.Range(0, 5).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
                var name = $"{deployment.Name}-{hash}-{suffix}";
                var annotations = template?.Metadata?.Annotations ?? ObjectMeta.Empty;
                // A gateway's container is the proxy itself: the runtime starts it in the gateway role instead of an app.
                var gateway = GatewayPods.IsGateway(spec, annotations);
                var containers = gateway ? [] : (spec?.Containers ?? []).Select(c => Container(c, spec, labels, deployment, name, sampleApp)).ToList();
                pods.Add(new PlannedPod(deployment.Namespace, name, deployment.Name, layout.PodAddress(pods.Count),
                    string.IsNullOrEmpty(spec?.ServiceAccountName) ? "default" : spec.ServiceAccountName, podLabels,
                    annotations, containers, gateway ? GatewayPods.Ports(spec) : null));
            }
        }
        return pods;
    }

    /// <summary>Service host names and their VIPs for a pod's hosts file (short names for its own namespace's services).</summary>
    public static IReadOnlyDictionary<string, IPAddress> ServiceHosts(IReadOnlyList<Resource> resources, string podNamespace, string clusterDomain = "cluster.local")
    {
        var hosts = new Dictionary<string, IPAddress>(StringComparer.Ordinal);
        var services = resources.OfType<Resource<ServiceSpec>>().OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        for (var i = 0; i < services.Count; i++)
        {
            var (name, ns) = (services[i].Name, services[i].Namespace);
            var vip = NetworkLayout.ServiceAddress(i);
            foreach (var host in new[] { $"{name}.{ns}", $"{name}.{ns}.svc", $"{name}.{ns}.svc.{clusterDomain}" }) hosts[host] = vip;
            if (ns == podNamespace) hosts[name] = vip;
        }
        // ServiceEntry hosts resolve as DNS (or Istio's DNS proxy) would answer: a declared address, else the first static
        // endpoint's. Wildcard hosts and DNS-resolved entries without either are left to the machine's own resolver.
        foreach (var entry in resources.OfType<Resource<Switchboard.Config.Networking.ServiceEntrySpec>>().OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            var address = entry.Spec.Addresses.Concat(entry.Spec.Endpoints.Select(e => e.Address ?? "")).Select(a => IPAddress.TryParse(a, out var ip) ? ip : null).OfType<IPAddress>().FirstOrDefault();
            if (address is null) continue;
            foreach (var host in entry.Spec.Hosts.Where(h => !h.Contains('*', StringComparison.Ordinal))) hosts.TryAdd(host, address);
        }
        return hosts;
    }

    /// <summary>The Pod object the control plane learns (status.podIP makes it an endpoint; spec.nodeName is this machine, where it runs), as YAML.</summary>
    public static string PodYaml(PlannedPod pod, string node)
    {
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: v1\nkind: Pod\nmetadata:\n");
        yaml.Append($"  name: {pod.Name}\n  namespace: {pod.Namespace}\n");
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
        yaml.Append($"status:\n  phase: Running\n  podIP: {pod.Address}\n");
        return yaml.ToString();
    }

    private static PlannedContainer Container(Container c, PodSpec? spec, IReadOnlyDictionary<string, string> labels, Resource<DeploymentSpec> deployment, string pod, IReadOnlyList<string> sampleApp)
    {
        var port = c.Ports.Select(p => p.ContainerPort).FirstOrDefault(p => p is not null);
        var command = c.Command.Concat(c.Args).ToList();
        if (command.Count == 0)
        {
            // No command: the sample workload stands in for the image, named after the app it is.
            var name = labels.GetValueOrDefault("app") ?? deployment.Name;
            command = [.. sampleApp, "--name", name, "--version", labels.GetValueOrDefault("version") ?? "v1", "--port", (port ?? 8080).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }
        // What Kubernetes gives every container (HOSTNAME is the pod's name) and what the downward API usually adds
        // (POD_NAME, POD_NAMESPACE), so the sample workload can say which pod answered; the container's own values win,
        // except an empty one from a valueFrom this runtime does not resolve.
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOSTNAME"] = pod, ["POD_NAME"] = pod, ["POD_NAMESPACE"] = deployment.Namespace };
        foreach (var e in c.Env.Where(e => e.Name is not null))
        {
            if (e.Value is not null || !env.ContainsKey(e.Name!)) env[e.Name!] = e.Value ?? "";
        }
        return new PlannedContainer(c.Name ?? "app", command, env, port, c.SecurityContext?.RunAsUser ?? spec?.SecurityContext?.RunAsUser);
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
