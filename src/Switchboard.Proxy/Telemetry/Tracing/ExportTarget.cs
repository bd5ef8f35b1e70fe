using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// Where one pipeline sends spans, and under which service name. Equal targets share a pipeline, so a config push that
/// changes only sampling or tags keeps the exporter (and its connection and queue) it had.
/// </summary>
internal readonly record struct ExportTarget(string Kind, string Collector, string? Path, bool Http, string Service)
{
    public static ExportTarget Of(TracingPolicy policy, string service) => new(policy.Kind, policy.Collector, policy.Path, policy.Http, service);

    public bool IsZipkin => Kind == "zipkin";

    /// <summary>
    /// The collector URL. OTLP/HTTP and Zipkin post to a path (the policy's, else the protocol's default); OTLP/gRPC
    /// names its service method itself.
    /// </summary>
    public Uri Endpoint => new(IsZipkin ? $"http://{Collector}{Path ?? "/api/v2/spans"}"
        : Http ? $"http://{Collector}{Path ?? "/v1/traces"}"
        : $"http://{Collector}");

    public override string ToString() => $"{Kind}{(Http && !IsZipkin ? "/http" : "")} {Endpoint}";
}
