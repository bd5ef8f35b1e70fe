using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// Puts this proxy's span on the request it forwards, in both families, so the next hop (another proxy, or the app's
/// own library, B3 or W3C) continues from it. The caller's <c>tracestate</c> and B3 debug flag travel on untouched.
/// </summary>
internal static class TraceHeaderWriter
{
    public static void Write(IHeaderDictionary headers, ActivityTraceId traceId, ActivitySpanId spanId, ActivitySpanId? parent, bool sampled)
    {
        var trace = traceId.ToHexString();
        var span = spanId.ToHexString();
        var flag = sampled ? "1" : "0";
        headers[TraceHeaders.B3TraceId] = trace;
        headers[TraceHeaders.B3SpanId] = span;
        headers[TraceHeaders.B3Sampled] = flag;
        if (parent is { } p)
        {
            var parentHex = p.ToHexString();
            headers[TraceHeaders.B3ParentSpanId] = parentHex;
            headers[TraceHeaders.B3Single] = string.Concat(trace, "-", span, "-", flag, "-", parentHex);
        }
        else
        {
            headers.Remove(TraceHeaders.B3ParentSpanId);
            headers[TraceHeaders.B3Single] = string.Concat(trace, "-", span, "-", flag);
        }
        headers[TraceHeaders.TraceParent] = string.Concat("00-", trace, "-", span, sampled ? "-01" : "-00");
    }
}
