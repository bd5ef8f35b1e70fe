using Switchboard.Config.Binding;

namespace Switchboard.Config.Networking;

/// <summary>DestinationRule spec: how to connect to a host (LB, pools, outlier detection, TLS) and its subsets. reference/istio-api.md §1.2.</summary>
public sealed record DestinationRuleSpec
{
    [RequiredField]
    public string? Host { get; init; }

    public TrafficPolicy? TrafficPolicy { get; init; }
    public IReadOnlyList<Subset> Subsets { get; init; } = [];
    public IReadOnlyList<string> ExportTo { get; init; } = [];
    public WorkloadSelector? WorkloadSelector { get; init; }
}

/// <summary>A named group of endpoints selected by labels, with its own traffic policy.</summary>
public sealed record Subset
{
    [RequiredField]
    public string? Name { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = ObjectMeta.Empty;
    public TrafficPolicy? TrafficPolicy { get; init; }
}

/// <summary>Traffic policy for a host, subset or port. STUB: to be completed with every field of §1.2.</summary>
public sealed record TrafficPolicy
{
    public LoadBalancerSettings? LoadBalancer { get; init; }
    public ClientTlsSettings? Tls { get; init; }
    public IReadOnlyList<PortTrafficPolicy> PortLevelSettings { get; init; } = [];
}

/// <summary>Traffic policy for one port (overrides, does not inherit).</summary>
public sealed record PortTrafficPolicy
{
    public PortSelector? Port { get; init; }
    public LoadBalancerSettings? LoadBalancer { get; init; }
    public ClientTlsSettings? Tls { get; init; }
}

/// <summary>Simple load-balancing algorithms.</summary>
public enum SimpleLb
{
    Unspecified,
    [DeprecatedField("LEAST_CONN is an alias of LEAST_REQUEST; use LEAST_REQUEST")]
    LeastConn,
    Random,
    Passthrough,
    RoundRobin,
    LeastRequest,
}

/// <summary>Load balancing. STUB: to be completed.</summary>
public sealed record LoadBalancerSettings
{
    public SimpleLb? Simple { get; init; }
}

/// <summary>Client-side TLS modes for upstream connections.</summary>
public enum ClientTlsMode { Disable, Simple, Mutual, IstioMutual }

/// <summary>Client TLS settings. STUB: to be completed.</summary>
public sealed record ClientTlsSettings
{
    public ClientTlsMode? Mode { get; init; }
    public string? CaCertificates { get; init; }
    public string? CredentialName { get; init; }
}
