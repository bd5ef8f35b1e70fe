using Switchboard.Config;
using Switchboard.Config.Networking;

namespace Switchboard.Model;

/// <summary>
/// A Sidecar resource: which proxies of its namespace it scopes (all of them without a workloadSelector) and what
/// they may reach. reference/istio-api.md §1.6.
/// </summary>
public sealed record SidecarModel
{
    public required Resource<SidecarSpec> Resource { get; init; }

    /// <summary>Position in <see cref="ConfigOrder"/>: among Sidecars selecting the same proxy, the older one applies.</summary>
    public int Ordinal { get; init; }

    public string Name => Resource.Name;
    public string Namespace => Resource.Namespace;
    public SidecarSpec Spec => Resource.Spec;

    /// <summary>
    /// The workloadSelector's labels, or null for the namespace-wide Sidecar. A selector that is present but empty
    /// still counts as a selector (it selects every workload, with a selector's precedence).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Selector => Spec.WorkloadSelector?.Labels;

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => $"{Namespace}/{Name}";
}
