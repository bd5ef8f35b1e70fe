namespace Switchboard.Translation.ProxyConfig;

/// <summary>
/// What one proxy reports, resolved from Telemetry resources (mesh → namespace → workload) and MeshConfig providers.
/// Client settings apply to the proxy's outbound traffic, server settings to its inbound traffic (Telemetry
/// <c>match.mode</c>). Expressions (access-log filters, tag values) travel as CEL text and are compiled by the proxy.
/// </summary>
public sealed record TelemetryPolicy
{
    public AccessLogPolicy ClientAccessLog { get; init; } = AccessLogPolicy.Stdout;
    public AccessLogPolicy ServerAccessLog { get; init; } = AccessLogPolicy.Stdout;

    /// <summary>Null: no tracing provider, so no spans (trace headers and x-request-id still pass through).</summary>
    public TracingPolicy? ClientTracing { get; init; }
    public TracingPolicy? ServerTracing { get; init; }

    /// <summary>Metric overrides in the order they apply (mesh, then namespace, then workload; within one, as written).</summary>
    public IReadOnlyList<MetricOverride> MetricOverrides { get; init; } = [];
}

/// <summary>Where and which requests of one side are logged; no sinks means no access log.</summary>
public sealed record AccessLogPolicy
{
    /// <summary>The default: the built-in provider, Envoy's text format on standard output.</summary>
    public static AccessLogPolicy Stdout { get; } = new() { Sinks = [new AccessLogSink { Provider = "envoy" }] };

    public IReadOnlyList<AccessLogSink> Sinks { get; init; } = [];
}

/// <summary>One access-log provider: where lines go, in which encoding, and the CEL filter choosing requests.</summary>
public sealed record AccessLogSink
{
    public required string Provider { get; init; }

    /// <summary>A file path; null or <c>/dev/stdout</c> means the proxy's standard output.</summary>
    public string? Path { get; init; }

    /// <summary><c>TEXT</c> (Envoy's default format) or <c>JSON</c>.</summary>
    public string Encoding { get; init; } = "TEXT";

    /// <summary>A CEL expression (<c>response.code >= 400</c>); null logs every request.</summary>
    public string? Filter { get; init; }

    /// <summary>An Envoy text format (<c>logFormat.text</c>) for TEXT lines; null: Istio's default layout.</summary>
    public string? Format { get; init; }
}

/// <summary>Spans for one side: the collector, how new traces are sampled, and extra tags.</summary>
public sealed record TracingPolicy
{
    public required string Provider { get; init; }

    /// <summary><c>opentelemetry</c> (OTLP, gRPC or HTTP) or <c>zipkin</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The collector: <c>host:port</c>.</summary>
    public required string Collector { get; init; }

    /// <summary>The URL path for HTTP exporters (OTLP/HTTP <c>/v1/traces</c>, Zipkin <c>/api/v2/spans</c>).</summary>
    public string? Path { get; init; }

    /// <summary>OTLP over HTTP/protobuf instead of gRPC.</summary>
    public bool Http { get; init; }

    /// <summary>0–100: the share of new traces (no sampling decision from upstream) that are sampled.</summary>
    public double SamplingPercentage { get; init; }

    /// <summary>Spans are not exported, but context still propagates.</summary>
    public bool DisableSpanReporting { get; init; }

    public IReadOnlyList<SpanTag> CustomTags { get; init; } = [];
}

/// <summary>A custom span tag: a literal, an environment variable of the proxy, or a request header (with a default).</summary>
public sealed record SpanTag
{
    public required string Name { get; init; }

    /// <summary><c>literal</c>, <c>environment</c> or <c>header</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The literal value, or the name of the variable or header.</summary>
    public required string Value { get; init; }

    public string? DefaultValue { get; init; }
}

/// <summary>One Telemetry <c>metrics.overrides</c> entry: a metric (or all) on a side, disabled or with tag changes.</summary>
public sealed record MetricOverride
{
    /// <summary><c>ALL_METRICS</c>, <c>REQUEST_COUNT</c>, <c>REQUEST_DURATION</c>, … as in the Telemetry API.</summary>
    public string Metric { get; init; } = "ALL_METRICS";

    /// <summary><c>CLIENT_AND_SERVER</c>, <c>CLIENT</c> (reporter source) or <c>SERVER</c> (reporter destination).</summary>
    public string Mode { get; init; } = "CLIENT_AND_SERVER";

    /// <summary>Null leaves the parent's choice; false re-enables what a parent disabled.</summary>
    public bool? Disabled { get; init; }

    public IReadOnlyList<TagChange> Tags { get; init; } = [];
}

/// <summary>A label change: remove it, or set it to the value of a CEL expression.</summary>
public sealed record TagChange
{
    public required string Tag { get; init; }
    public bool Remove { get; init; }
    public string? Value { get; init; }
}
