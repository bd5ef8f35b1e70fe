using Switchboard.Config.Nodes;

namespace Switchboard.Config.Kubernetes;

/// <summary>A Pod's body: its spec and, for pods read from a cluster, its status (pod IP).</summary>
public sealed record PodBody
{
    public PodSpec? Spec { get; init; }
    public PodStatus? Status { get; init; }
}

/// <summary>The pod status fields a mesh reads.</summary>
public sealed record PodStatus
{
    public string? Phase { get; init; }
    public string? PodIP { get; init; }
    public IReadOnlyList<PodIp> PodIPs { get; init; } = [];
    public string? HostIP { get; init; }
    public ConfigNode? HostIPs { get; init; }
    public ConfigNode? Conditions { get; init; }
    public ConfigNode? ContainerStatuses { get; init; }
    public ConfigNode? InitContainerStatuses { get; init; }
    public string? StartTime { get; init; }
    public string? QosClass { get; init; }
    public string? Message { get; init; }
    public string? Reason { get; init; }
}

/// <summary>One pod IP.</summary>
public sealed record PodIp
{
    public string? Ip { get; init; }
}
