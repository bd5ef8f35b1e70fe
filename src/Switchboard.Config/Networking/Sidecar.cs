using Switchboard.Config.Binding;

namespace Switchboard.Config.Networking;

/// <summary>Sidecar spec: scopes a workload's proxy (listeners, reachable hosts, outbound policy). reference/istio-api.md §1.6.</summary>
public sealed record SidecarSpec
{
    /// <summary>Absent: every workload of the namespace.</summary>
    public WorkloadSelector? WorkloadSelector { get; init; }

    public IReadOnlyList<IstioIngressListener> Ingress { get; init; } = [];
    public IReadOnlyList<IstioEgressListener> Egress { get; init; } = [];

    /// <summary>Inbound pool for all ports; per-port listener pools take precedence.</summary>
    public ConnectionPoolSettings? InboundConnectionPool { get; init; }

    public OutboundTrafficPolicy? OutboundTrafficPolicy { get; init; }
}

/// <summary>How traffic reaches a listener: iptables capture or explicit bind.</summary>
public enum CaptureMode { Default, Iptables, None }

/// <summary>An inbound listener of the proxy and where it forwards.</summary>
public sealed record IstioIngressListener
{
    [RequiredField]
    public GatewayPort? Port { get; init; }

    public string? Bind { get; init; }
    public CaptureMode? CaptureMode { get; init; }

    /// <summary><c>127.0.0.1:P</c>, <c>[::1]:P</c>, <c>0.0.0.0:P</c>, <c>[::]:P</c> or <c>unix://path</c>.</summary>
    public string? DefaultEndpoint { get; init; }

    public ServerTlsSettings? Tls { get; init; }
    public ConnectionPoolSettings? ConnectionPool { get; init; }
}

/// <summary>An outbound listener and the <c>namespace/host</c> services it can reach.</summary>
public sealed record IstioEgressListener
{
    /// <summary>Absent: the catch-all listener (at most one, and last).</summary>
    public GatewayPort? Port { get; init; }

    public string? Bind { get; init; }
    public CaptureMode? CaptureMode { get; init; }

    [RequiredField]
    public IReadOnlyList<string> Hosts { get; init; } = [];
}

/// <summary>Whether unknown outbound destinations are allowed.</summary>
public enum OutboundTrafficPolicyMode { RegistryOnly, AllowAny }

/// <summary>Outbound policy for destinations outside the registry. An absent mode is REGISTRY_ONLY (the proto default).</summary>
public sealed record OutboundTrafficPolicy
{
    public OutboundTrafficPolicyMode? Mode { get; init; }

    /// <summary>Where ALLOW_ANY traffic is sent instead of passthrough.</summary>
    public Destination? EgressProxy { get; init; }
}
