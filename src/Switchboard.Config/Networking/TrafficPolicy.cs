using Switchboard.Config.Binding;

namespace Switchboard.Config.Networking;

/// <summary>Traffic policy for a host or subset: load balancing, pools, outlier detection, TLS, per-port overrides.</summary>
public sealed record TrafficPolicy
{
    public LoadBalancerSettings? LoadBalancer { get; init; }
    public ConnectionPoolSettings? ConnectionPool { get; init; }
    public OutlierDetection? OutlierDetection { get; init; }
    public ClientTlsSettings? Tls { get; init; }

    /// <summary>Per-port policies; they replace (do not inherit) the fields above. At most 4096.</summary>
    public IReadOnlyList<PortTrafficPolicy> PortLevelSettings { get; init; } = [];

    /// <summary>Tunnels TCP to the host over HTTP CONNECT or POST (TCP/TLS routes only).</summary>
    public TunnelSettings? Tunnel { get; init; }

    public ProxyProtocolSettings? ProxyProtocol { get; init; }
    public RetryBudget? RetryBudget { get; init; }
}

/// <summary>Traffic policy for one port (overrides, does not inherit).</summary>
public sealed record PortTrafficPolicy
{
    public PortSelector? Port { get; init; }
    public LoadBalancerSettings? LoadBalancer { get; init; }
    public ConnectionPoolSettings? ConnectionPool { get; init; }
    public OutlierDetection? OutlierDetection { get; init; }
    public ClientTlsSettings? Tls { get; init; }
}

/// <summary>Where and how a downstream TCP connection is tunneled.</summary>
public sealed record TunnelSettings
{
    /// <summary><c>CONNECT</c> (default) or <c>POST</c>.</summary>
    public string? Protocol { get; init; }

    [RequiredField]
    public string? TargetHost { get; init; }

    [RequiredField]
    public uint? TargetPort { get; init; }
}

/// <summary>PROXY protocol versions.</summary>
public enum ProxyProtocolVersion { V1, V2 }

/// <summary>Upstream PROXY protocol settings (default version V1).</summary>
public sealed record ProxyProtocolSettings
{
    public ProxyProtocolVersion? Version { get; init; }
}

/// <summary>Caps concurrent retries to a share of active requests.</summary>
public sealed record RetryBudget
{
    /// <summary>Share of active requests that may be retries (default 20%).</summary>
    public double? Percent { get; init; }

    /// <summary>Retries always allowed regardless of the percentage (default 3).</summary>
    public uint? MinRetryConcurrency { get; init; }

    /// <summary>Window the budget is computed over (default 0ms).</summary>
    public Types.Duration? BudgetInterval { get; init; }
}
