namespace Switchboard.Model;

/// <summary>
/// The telemetry part of MeshConfig (reference/istio-api.md §3.1 [MESH]): the <c>extensionProviders</c> Telemetry
/// resources name, <c>defaultProviders</c> used when a Telemetry names none, and the legacy access-log settings
/// (<c>accessLogFile</c>, <c>accessLogEncoding</c>), which turn on the built-in <c>envoy</c> provider.
/// </summary>
public sealed record TelemetryDefaults
{
    /// <summary>Tracing, access-log and metrics providers by name (built-ins <c>envoy</c> and <c>prometheus</c> are implied).</summary>
    public IReadOnlyList<TelemetryProvider> Providers { get; init; } = [];

    /// <summary><c>defaultProviders.tracing</c>: none by default, so no spans until a provider is named.</summary>
    public IReadOnlyList<string> DefaultTracing { get; init; } = [];

    /// <summary>
    /// <c>defaultProviders.accessLogging</c>. Switchboard's default is the built-in <c>envoy</c> provider on stdout (Istio's
    /// demo profile): a local mesh is for looking at traffic, and <c>sbctl logs POD -c proxy</c> should show it.
    /// An explicit empty list in MeshConfig turns it off.
    /// </summary>
    public IReadOnlyList<string> DefaultAccessLogging { get; init; } = ["envoy"];

    /// <summary><c>accessLogEncoding</c> of the built-in provider: TEXT (Envoy's default format) or JSON.</summary>
    public string AccessLogEncoding { get; init; } = "TEXT";

    /// <summary><c>defaultConfig.tracing.sampling</c>: the percentage used when a Telemetry leaves it unset (Istio: 1%).</summary>
    public double DefaultSamplingPercentage { get; init; } = 1.0;
}

/// <summary>One MeshConfig <c>extensionProviders</c> entry Switchboard acts on for telemetry.</summary>
public sealed record TelemetryProvider
{
    public required string Name { get; init; }

    /// <summary><c>opentelemetry</c> or <c>zipkin</c> (tracing), <c>envoyFileAccessLog</c> (access log), <c>prometheus</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The collector's host (tracing providers), e.g. <c>otel-collector.observability.svc.cluster.local</c>.</summary>
    public string? Service { get; init; }

    public int Port { get; init; }

    /// <summary>The file of an <c>envoyFileAccessLog</c> (<c>/dev/stdout</c>), or the URL path of an HTTP collector.</summary>
    public string? Path { get; init; }

    /// <summary><c>opentelemetry.http</c> set: OTLP over HTTP/protobuf instead of gRPC.</summary>
    public bool Http { get; init; }

    /// <summary>An <c>envoyFileAccessLog.logFormat.labels</c> map: JSON lines with these fields.</summary>
    public bool JsonLabels { get; init; }

    /// <summary>
    /// <c>envoyFileAccessLog.logFormat.text</c>: an Envoy format string (<c>%START_TIME% %REQ(:PATH)% …</c>) for text lines;
    /// null: Istio's default layout. Checked by <c>sbctl analyze</c> (SB0011) and compiled by the proxy (a bad one is a NACK).
    /// </summary>
    public string? TextFormat { get; init; }
}
