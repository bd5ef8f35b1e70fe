using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Proxy.Telemetry;

/// <summary>
/// Writes one line per request in the layout of Istio's default Envoy text access log, so existing log
/// parsers and the habit of grepping for a response flag (<c>NR</c>, <c>UH</c>, …) keep working.
/// </summary>
internal sealed class AccessLog(TextWriter output, TimeProvider time)
{
    private readonly Lock _lock = new();

    public void Write(HttpContext context, RequestRecord record)
    {
        var request = context.Request;
        var duration = time.GetElapsedTime(record.StartTimestamp).TotalMilliseconds;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{record.Start:yyyy-MM-ddTHH:mm:ss.fffZ}] \"{request.Method} {request.Path}{request.QueryString} {request.Protocol}\" {context.Response.StatusCode} {record.Flags} {record.Details ?? "-"} - \"-\" {request.ContentLength ?? 0} {context.Response.ContentLength ?? 0} {duration:0} {(record.UpstreamTime is { } u ? u.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) : "-")} \"{Header(request, "x-forwarded-for")}\" \"{Header(request, "user-agent")}\" \"{Header(request, "x-request-id")}\" \"{request.Host}\" \"{record.UpstreamHost ?? "-"}\" {record.Cluster ?? "-"} - {context.Connection.LocalIpAddress}:{context.Connection.LocalPort} {context.Connection.RemoteIpAddress}:{context.Connection.RemotePort} - {record.RouteName ?? "-"}");
        lock (_lock) output.WriteLine(line);
    }

    private static string Header(HttpRequest request, string name) => request.Headers.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : "-";
}
