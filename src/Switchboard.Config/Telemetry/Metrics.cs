namespace Switchboard.Config.Telemetry;

/// <summary>Metrics settings: providers, per-metric overrides, TCP reporting interval.</summary>
public sealed record Metrics
{
    public IReadOnlyList<ProviderRef> Providers { get; init; } = [];

    /// <summary>Applied in order, mesh → namespace → workload.</summary>
    public IReadOnlyList<MetricsOverrides> Overrides { get; init; } = [];

    /// <summary>How often TCP metrics are reported (default 5s).</summary>
    public Types.Duration? ReportingInterval { get; init; }
}

/// <summary>Disables a metric or changes its tags.</summary>
public sealed record MetricsOverrides
{
    public MetricSelector? Match { get; init; }

    /// <summary>Must be set to false explicitly to re-enable a metric a parent disabled.</summary>
    public bool? Disabled { get; init; }

    public IReadOnlyDictionary<string, TagOverride> TagOverrides { get; init; } = new Dictionary<string, TagOverride>();
}

/// <summary>Standard Istio metrics.</summary>
public enum IstioMetric
{
    AllMetrics,
    RequestCount,
    RequestDuration,
    RequestSize,
    ResponseSize,
    TcpOpenedConnections,
    TcpClosedConnections,
    TcpSentBytes,
    TcpReceivedBytes,
    GrpcRequestMessages,
    GrpcResponseMessages,
}

/// <summary>Which metric (standard or custom, not both) and side an override applies to.</summary>
public sealed record MetricSelector
{
    public IstioMetric? Metric { get; init; }
    public string? CustomMetric { get; init; }
    public WorkloadMode? Mode { get; init; }
}

/// <summary>What a tag override does.</summary>
public enum TagOperation { Upsert, Remove }

/// <summary>Sets a tag to a CEL expression (UPSERT) or removes it.</summary>
public sealed record TagOverride
{
    public TagOperation? Operation { get; init; }

    /// <summary>A CEL expression, e.g. <c>string(destination.port)</c>; required for UPSERT.</summary>
    public string? Value { get; init; }
}
