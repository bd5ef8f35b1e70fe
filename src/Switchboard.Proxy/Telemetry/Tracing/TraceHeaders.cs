namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// The trace context headers a proxy reads and writes: Zipkin's B3, as separate headers and as the single <c>b3</c>
/// header (https://github.com/openzipkin/b3-propagation), and W3C Trace Context (https://www.w3.org/TR/trace-context/).
/// Istio documents the B3 set as what apps must forward; OpenTelemetry libraries speak W3C, so both are written.
/// </summary>
internal static class TraceHeaders
{
    public const string RequestId = "x-request-id";
    public const string B3TraceId = "x-b3-traceid";
    public const string B3SpanId = "x-b3-spanid";
    public const string B3ParentSpanId = "x-b3-parentspanid";
    public const string B3Sampled = "x-b3-sampled";

    /// <summary><c>1</c> is B3's debug flag: the request is sampled whatever the sampling rate says.</summary>
    public const string B3Flags = "x-b3-flags";
    public const string B3Single = "b3";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
}
