using System.Diagnostics;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// One side's tracing (client = outbound, server = inbound) compiled from one config: the policy, the pipeline its
/// sampled spans go to (null when span reporting is disabled, or the collector is unusable: context still propagates),
/// and the tags every span of the side carries.
/// </summary>
internal sealed class TracingSide(TracingPolicy policy, ActivityKind kind, ExportPipeline? pipeline, string proxyNamespace,
    IReadOnlyList<KeyValuePair<string, object?>> fixedTags, CustomTags custom)
{
    public TracingPolicy Policy { get; } = policy;
    public ActivityKind Kind { get; } = kind;
    public ExportPipeline? Pipeline { get; } = pipeline;

    /// <summary>The proxy's namespace, which short service names in a Host header are relative to.</summary>
    public string Namespace { get; } = proxyNamespace;

    /// <summary>Envoy's Zipkin tracer reads B3 first, its OpenTelemetry tracer W3C (<see cref="TraceHeaderReader"/>).</summary>
    public bool PreferB3 { get; } = policy.Kind == "zipkin";

    /// <summary>The proxy's own tags (node, Istio's workload tags) and the custom tags known before any request.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> FixedTags { get; } = fixedTags;

    public CustomTags Custom { get; } = custom;
}
