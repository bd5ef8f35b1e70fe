namespace Switchboard.Config.Networking;

/// <summary>Locality-weighted load balancing: one of distribute, failover or failoverPriority.</summary>
public sealed record LocalityLoadBalancerSetting
{
    public IReadOnlyList<LocalityDistribute> Distribute { get; init; } = [];
    public IReadOnlyList<LocalityFailover> Failover { get; init; } = [];

    /// <summary>Ordered label keys (or <c>key=value</c>) that rank endpoints into priorities.</summary>
    public IReadOnlyList<string> FailoverPriority { get; init; } = [];

    /// <summary>Overrides the mesh-wide switch.</summary>
    public bool? Enabled { get; init; }
}

/// <summary>How traffic from one locality is spread over others (weights sum to 100).</summary>
public sealed record LocalityDistribute
{
    public string? From { get; init; }
    public IReadOnlyDictionary<string, uint> To { get; init; } = new Dictionary<string, uint>();
}

/// <summary>The region traffic fails over to when <see cref="From"/> is unhealthy.</summary>
public sealed record LocalityFailover
{
    public string? From { get; init; }
    public string? To { get; init; }
}

/// <summary>Envoy zone-aware routing; exclusive with <see cref="LocalityLoadBalancerSetting"/>.</summary>
public sealed record ZoneAwareLoadBalancerSetting
{
    public bool? Enabled { get; init; }
    public IReadOnlyList<LocalityFailover> Failover { get; init; } = [];
    public IReadOnlyList<string> FailoverPriority { get; init; } = [];

    /// <summary>Hosts needed in the local region before zone-aware routing engages (default 6).</summary>
    public uint? MinClusterSize { get; init; }
}
