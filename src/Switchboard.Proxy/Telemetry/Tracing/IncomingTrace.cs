using System.Diagnostics;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// The trace context a request arrived with: the caller's trace and span (both or neither), and its sampling decision
/// (null when the caller made none, e.g. B3 ids without <c>x-b3-sampled</c>: the proxy decides). A decision may come
/// without ids (<c>x-b3-sampled: 1</c> alone, <c>b3: 0</c>): the proxy starts a new trace and keeps the decision.
/// </summary>
internal readonly record struct IncomingTrace(ActivityTraceId TraceId, ActivitySpanId SpanId, bool HasParent, bool? Sampled, string? TraceState)
{
    public static IncomingTrace None => default;

    /// <summary>The caller's span as the parent of ours; default (no parent) when the caller sent no ids.</summary>
    public ActivityContext Parent => HasParent
        ? new ActivityContext(TraceId, SpanId, Sampled == true ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, TraceState, isRemote: true)
        : default;
}
