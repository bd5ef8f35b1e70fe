using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using Switchboard.Config.Networking;

namespace Switchboard.Model.Building;

/// <summary>Turns Pods, Deployments and WorkloadEntries into <see cref="WorkloadModel"/>s.</summary>
internal static class WorkloadCollector
{
    /// <summary>The workload <paramref name="resource"/> describes, if any; <paramref name="namespaceLabels"/> decides injection.</summary>
    public static WorkloadModel? From(Resource resource, Func<string, IReadOnlyDictionary<string, string>?> namespaceLabels) => resource switch
    {
        Resource<PodBody> pod => FromPod(pod) with { HasSidecar = SidecarInjection.IsInjected(pod.Labels, pod.Annotations, namespaceLabels(pod.Namespace)) },
        Resource<DeploymentSpec> deployment => FromDeployment(deployment) is var d
            ? d with { HasSidecar = SidecarInjection.IsInjected(d.Labels, deployment.Spec.Template?.Metadata?.Annotations ?? ObjectMeta.Empty, namespaceLabels(d.Namespace)) }
            : null,
        Resource<WorkloadEntrySpec> entry => FromWorkloadEntry(entry) is var e ? e with { HasSidecar = SidecarInjection.IsMeshEndpoint(e.Labels) } : null,
        _ => null,
    };

    private static WorkloadModel FromPod(Resource<PodBody> pod)
    {
        var status = pod.Spec.Status;
        // Kubernetes drops finished pods from endpoints; a pod that has exited serves nothing.
        var finished = status?.Phase is "Succeeded" or "Failed";
        var ip = status?.PodIP is { Length: > 0 } podIp ? podIp : status?.PodIPs.FirstOrDefault(p => !string.IsNullOrEmpty(p.Ip))?.Ip;
        return new WorkloadModel
        {
            Name = pod.Name,
            Namespace = pod.Namespace,
            Kind = WorkloadKind.Pod,
            Labels = pod.Labels,
            ServiceAccount = ServiceAccountOf(pod.Spec.Spec),
            Ip = finished ? null : ip,
            Ports = ContainerPorts(pod.Spec.Spec),
            Source = pod,
        };
    }

    private static WorkloadModel FromDeployment(Resource<DeploymentSpec> deployment)
    {
        var template = deployment.Spec.Template;
        return new WorkloadModel
        {
            Name = deployment.Name,
            Namespace = deployment.Namespace,
            Kind = WorkloadKind.Deployment,
            Labels = template?.Metadata?.Labels ?? ObjectMeta.Empty,
            ServiceAccount = ServiceAccountOf(template?.Spec),
            Ports = ContainerPorts(template?.Spec),
            Source = deployment,
        };
    }

    private static WorkloadModel FromWorkloadEntry(Resource<WorkloadEntrySpec> entry)
    {
        // Istio merges metadata labels over spec labels for WorkloadEntries (metadata wins on conflict).
        var labels = new Dictionary<string, string>(entry.Spec.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in entry.Labels) labels[key] = value;
        return new WorkloadModel
        {
            Name = entry.Name,
            Namespace = entry.Namespace,
            Kind = WorkloadKind.WorkloadEntry,
            Labels = labels,
            ServiceAccount = string.IsNullOrEmpty(entry.Spec.ServiceAccount) ? "default" : entry.Spec.ServiceAccount,
            Ip = string.IsNullOrEmpty(entry.Spec.Address) ? null : entry.Spec.Address,
            Ports = entry.Spec.Ports.ToDictionary(p => p.Key, p => (int)p.Value, StringComparer.Ordinal),
            Weight = entry.Spec.Weight is > 0 and var w ? (int)w : 1,
            Source = entry,
        };
    }

    /// <summary>A pod's service account as Kubernetes resolves it (default: <c>default</c>).</summary>
    private static string ServiceAccountOf(PodSpec? spec) =>
        !string.IsNullOrEmpty(spec?.ServiceAccountName) ? spec.ServiceAccountName
        : !string.IsNullOrEmpty(spec?.ServiceAccount) ? spec.ServiceAccount
        : "default";

    private static IReadOnlyDictionary<string, int> ContainerPorts(PodSpec? spec)
    {
        if (spec is null) return WorkloadModel.EmptyPorts;
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var port in spec.Containers.SelectMany(c => c.Ports))
        {
            // Port names are unique within a pod; the first declaration wins if config says otherwise.
            if (!string.IsNullOrEmpty(port.Name) && port.ContainerPort is { } number) ports.TryAdd(port.Name, number);
        }
        return ports;
    }
}
