using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Telemetry;

namespace Switchboard.Proxy.Pipeline;

/// <summary>Local answers (no route, no upstream, overflow, timeouts, faults), in Envoy's words so users recognise them.</summary>
internal static class Responder
{
    /// <summary>Answers locally; <paramref name="flag"/> null for answers Envoy gives no response flag (logged as <c>-</c>).</summary>
    public static Task Local(HttpContext context, RequestRecord record, int status, string? flag, string body, string details)
    {
        if (flag is not null) record.Flag(flag);
        record.Details = details;
        if (context.Response.HasStarted) return Task.CompletedTask;
        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        if (flag == ResponseFlags.UpstreamOverflow) context.Response.Headers["x-envoy-overloaded"] = "true";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
