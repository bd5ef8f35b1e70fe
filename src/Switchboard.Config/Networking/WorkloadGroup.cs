using Switchboard.Config.Binding;

namespace Switchboard.Config.Networking;

/// <summary>WorkloadGroup spec: the template VMs auto-register WorkloadEntries from. reference/istio-api.md §1.5.</summary>
public sealed record WorkloadGroupSpec
{
    public WorkloadGroupMetadata? Metadata { get; init; }

    /// <summary>A WorkloadEntry without address and labels (they come from the registering workload).</summary>
    [RequiredField]
    public WorkloadEntrySpec? Template { get; init; }

    public ReadinessProbe? Probe { get; init; }
}

/// <summary>Labels and annotations copied onto each generated WorkloadEntry.</summary>
public sealed record WorkloadGroupMetadata
{
    public IReadOnlyDictionary<string, string> Labels { get; init; } = ObjectMeta.Empty;
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = ObjectMeta.Empty;
}
