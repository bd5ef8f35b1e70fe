using Switchboard.Proxy.Telemetry.Metrics;
using Switchboard.Telemetry.AccessLogFormats;
using Switchboard.Telemetry.Expressions;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Telemetry;

/// <summary>
/// A config's telemetry, compiled once when the config is installed: who this proxy is in metric labels and in the
/// peer metadata it sends, the metric view, and the access-log sinks of each side with their CEL filters and text
/// formats. Compiling here means a bad expression or format is a NACK, never a failure on a request.
/// </summary>
internal sealed class TelemetryRuntime
{
    public TelemetryRuntime(ProxyConfig config, string? principal)
    {
        Self = PeerWorkload.Of(config.Node, principal);
        PeerMetadataHeader = PeerMetadata.Encode(Self);
        Metrics = new MetricView(config.Telemetry.MetricOverrides);
        ClientLog = Compile(config.Telemetry.ClientAccessLog);
        ServerLog = Compile(config.Telemetry.ServerAccessLog);
    }

    public PeerWorkload Self { get; }

    /// <summary>The <c>x-envoy-peer-metadata</c> value this proxy sends to sidecars it calls over mTLS.</summary>
    public string PeerMetadataHeader { get; }

    public MetricView Metrics { get; }
    public IReadOnlyList<CompiledSink> ClientLog { get; }
    public IReadOnlyList<CompiledSink> ServerLog { get; }

    private static IReadOnlyList<CompiledSink> Compile(AccessLogPolicy policy) =>
        policy.Sinks.Select(s => new CompiledSink(s, s.Filter is { } f ? CelExpression.Parse(f) : null,
            s.Format is { } text && s.Encoding != "JSON" ? LogFormat.Parse(text) : null)).ToList();
}

/// <summary>An access-log sink with its filter (null: every request is logged) and text format (null: Istio's layout) compiled.</summary>
internal sealed record CompiledSink(AccessLogSink Sink, CelExpression? Filter, LogFormat? Format = null);
