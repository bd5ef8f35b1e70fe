using Switchboard.Config;

namespace Switchboard.Model;

/// <summary>What a workload was read from.</summary>
public enum WorkloadKind { Pod, Deployment, WorkloadEntry }

/// <summary>
/// Something that runs: a Pod (IP from <c>status.podIP</c>), a WorkloadEntry (IP from <c>spec.address</c>) or the pod
/// template of a Deployment (no IP: it lets config be checked, and a proxy identified, before any pod exists).
/// Only workloads with an address become endpoints.
/// </summary>
public sealed record WorkloadModel
{
    public required string Name { get; init; }
    public required string Namespace { get; init; }
    public required WorkloadKind Kind { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = ObjectMeta.Empty;
    public string ServiceAccount { get; init; } = "default";

    /// <summary>The workload's address (an IP, or for a WorkloadEntry possibly a DNS name); null when it has none yet.</summary>
    public string? Ip { get; init; }

    /// <summary>Named ports: container ports of a pod, <c>spec.ports</c> of a WorkloadEntry.</summary>
    public IReadOnlyDictionary<string, int> Ports { get; init; } = EmptyPorts;

    /// <summary>Whether a sidecar runs beside it (<see cref="SidecarInjection"/>): traffic to it can be mutual TLS.</summary>
    public bool HasSidecar { get; init; }

    /// <summary>Load-balancing weight (a WorkloadEntry's <c>weight</c>; 1 otherwise).</summary>
    public int Weight { get; init; } = 1;

    public required Resource Source { get; init; }

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => $"{Namespace}/{Name}";

    public static readonly IReadOnlyDictionary<string, int> EmptyPorts = new Dictionary<string, int>();
}
