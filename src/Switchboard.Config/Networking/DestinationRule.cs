using Switchboard.Config.Binding;

namespace Switchboard.Config.Networking;

/// <summary>DestinationRule spec: how to connect to a host (LB, pools, outlier detection, TLS) and its subsets. reference/istio-api.md §1.2.</summary>
public sealed record DestinationRuleSpec
{
    /// <summary>The service the rule applies to; short names resolve in the rule's namespace.</summary>
    [RequiredField]
    public string? Host { get; init; }

    public TrafficPolicy? TrafficPolicy { get; init; }
    public IReadOnlyList<Subset> Subsets { get; init; } = [];

    /// <summary>Namespaces that see this rule; empty means all.</summary>
    public IReadOnlyList<string> ExportTo { get; init; } = [];

    /// <summary>Workloads in the rule's namespace it applies to; <c>matchLabels</c>, as Istio's type.v1beta1.WorkloadSelector.</summary>
    public Security.LabelSelector? WorkloadSelector { get; init; }
}

/// <summary>A named group of endpoints selected by labels, with its own traffic policy.</summary>
public sealed record Subset
{
    [RequiredField]
    public string? Name { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = ObjectMeta.Empty;

    /// <summary>Overrides the rule-level policy; takes effect only when a route targets the subset.</summary>
    public TrafficPolicy? TrafficPolicy { get; init; }
}
