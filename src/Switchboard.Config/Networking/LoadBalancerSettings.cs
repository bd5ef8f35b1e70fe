using Switchboard.Config.Binding;

namespace Switchboard.Config.Networking;

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

/// <summary>Load balancing: a simple algorithm or consistent hashing, plus locality and warmup settings.</summary>
public sealed record LoadBalancerSettings
{
    public SimpleLb? Simple { get; init; }
    public ConsistentHashLb? ConsistentHash { get; init; }

    /// <summary>Replaces the mesh-wide locality settings entirely (no merge).</summary>
    public LocalityLoadBalancerSetting? LocalityLbSetting { get; init; }

    public ZoneAwareLoadBalancerSetting? ZoneAwareLbSetting { get; init; }

    [DeprecatedField("use warmup.duration")]
    public Types.Duration? WarmupDurationSecs { get; init; }

    public WarmupConfiguration? Warmup { get; init; }
}

/// <summary>Consistent hashing: one hash key, and ring hash (default) or Maglev.</summary>
public sealed record ConsistentHashLb
{
    public string? HttpHeaderName { get; init; }
    public HttpCookie? HttpCookie { get; init; }
    public bool? UseSourceIp { get; init; }
    public string? HttpQueryParameterName { get; init; }
    public RingHash? RingHash { get; init; }
    public Maglev? Maglev { get; init; }

    [DeprecatedField("use ringHash.minimumRingSize")]
    public long? MinimumRingSize { get; init; }
}

/// <summary>A cookie used as the hash key; generated with <see cref="Ttl"/> when absent.</summary>
public sealed record HttpCookie
{
    [RequiredField]
    public string? Name { get; init; }

    public string? Path { get; init; }

    /// <summary>Absent: no cookie is generated; <c>0s</c>: a session cookie.</summary>
    public Types.Duration? Ttl { get; init; }

    public IReadOnlyList<HttpCookieAttribute> Attributes { get; init; } = [];
}

/// <summary>An extra attribute of a generated hash cookie.</summary>
public sealed record HttpCookieAttribute
{
    [RequiredField]
    public string? Name { get; init; }

    public string? Value { get; init; }
}

/// <summary>Ring hash settings (default minimum ring size 1024).</summary>
public sealed record RingHash
{
    public long? MinimumRingSize { get; init; }
}

/// <summary>Maglev settings: a prime table size below 5000011 (default 65537).</summary>
public sealed record Maglev
{
    public long? TableSize { get; init; }
}

/// <summary>Slow start for new endpoints (ROUND_ROBIN and LEAST_REQUEST only).</summary>
public sealed record WarmupConfiguration
{
    [RequiredField]
    public Types.Duration? Duration { get; init; }

    /// <summary>Share of traffic a new endpoint starts with, 0–100 (default 10).</summary>
    public double? MinimumPercent { get; init; }

    /// <summary>Curve of the ramp; 1.0 (default) is linear.</summary>
    public double? Aggression { get; init; }
}
