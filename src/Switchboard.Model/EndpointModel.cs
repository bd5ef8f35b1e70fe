using Switchboard.Config;

namespace Switchboard.Model;

/// <summary>One address:port serving one service port, with the labels and identity of the workload behind it.</summary>
public sealed record EndpointModel
{
    /// <summary>An IP, or a DNS name for ServiceEntries resolved by DNS.</summary>
    public required string Address { get; init; }

    public required int Port { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = ObjectMeta.Empty;
    public string? ServiceAccount { get; init; }

    /// <summary><c>namespace/name</c> of the Pod or WorkloadEntry; null for a ServiceEntry's inline endpoint or its DNS host.</summary>
    public string? Workload { get; init; }

    public int Weight { get; init; } = 1;

    /// <summary>A sidecar serves this endpoint, so auto mTLS applies to it.</summary>
    public bool HasSidecar { get; init; }
}
