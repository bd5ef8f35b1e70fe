using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// The tags of a finished span, under the names Envoy's HTTP tracer gives them (so dashboards and queries written for
/// Istio keep working): <c>guid:x-request-id</c>, <c>http.url</c>, <c>http.method</c>, <c>http.protocol</c>,
/// <c>user_agent</c>, <c>peer.address</c>, <c>upstream_cluster</c>, <c>upstream_address</c>, <c>http.status_code</c>,
/// <c>response_flags</c>, and <c>error</c> = <c>true</c> on a 5xx, which also sets the span's status to error.
/// One departure: <c>http.status_code</c> is an integer (as OpenTelemetry's conventions have it), not Envoy's string,
/// so collectors can compare it numerically.
/// </summary>
internal static class SpanAttributes
{
    public static void Fill(Activity span, TracingSide side, HttpContext context, RequestRecord record, string requestId, bool failed)
    {
        var request = context.Request;
        foreach (var (key, value) in side.FixedTags) span.SetTag(key, value);
        span.SetTag("guid:x-request-id", requestId);
        span.SetTag("http.url", string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value));
        span.SetTag("http.method", request.Method);
        span.SetTag("http.protocol", request.Protocol);
        span.SetTag("user_agent", request.Headers.UserAgent.Count > 0 ? request.Headers.UserAgent.ToString() : "-");
        span.SetTag("peer.address", context.Connection.RemoteIpAddress?.ToString());
        span.SetTag("upstream_cluster", record.Cluster ?? "-");
        span.SetTag("upstream_cluster.name", record.Cluster ?? "-");
        if (record.UpstreamHost is { } upstream) span.SetTag("upstream_address", upstream);
        var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        span.SetTag("http.status_code", status);
        span.SetTag("response_flags", record.Flags);
        foreach (var (key, value) in side.Custom.Headers(request.Headers)) span.SetTag(key, value);
        if (status >= 500)
        {
            span.SetTag("error", "true");
            span.SetStatus(ActivityStatusCode.Error);
        }
    }
}
