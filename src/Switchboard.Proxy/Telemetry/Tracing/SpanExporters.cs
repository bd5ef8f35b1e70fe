using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// The OpenTelemetry SDK's exporter for a target: OTLP over gRPC or HTTP/protobuf (the <c>opentelemetry</c> provider),
/// or Zipkin JSON v2 (the <c>zipkin</c> provider). Options are set in code, never bound from configuration by
/// reflection, so this stays NativeAOT-safe.
/// </summary>
internal static class SpanExporters
{
    /// <summary>How long one export may take before it is given up (a dead collector costs the export thread this, never a request).</summary>
    private const int ExportTimeoutMilliseconds = 5_000;

    public static BaseExporter<Activity> Create(ExportTarget target)
    {
        // The SDK marks its Zipkin exporter obsolete (OTLP is its future), but Istio's zipkin provider points at collectors
        // that speak only Zipkin's JSON: until those are gone, this exporter is what serves them.
#pragma warning disable CS0618
        if (target.IsZipkin) return new ZipkinExporter(new ZipkinExporterOptions { Endpoint = target.Endpoint });
#pragma warning restore CS0618
        return new OtlpTraceExporter(new OtlpExporterOptions
        {
            Endpoint = target.Endpoint,
            Protocol = target.Http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc,
            TimeoutMilliseconds = ExportTimeoutMilliseconds,
        });
    }
}
