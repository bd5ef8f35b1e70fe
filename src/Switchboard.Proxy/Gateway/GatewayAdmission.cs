using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Inbound;
using Switchboard.Proxy.Routing;
using Switchboard.Proxy.Runtime;
using Switchboard.Proxy.Telemetry;

namespace Switchboard.Proxy.Gateway;

/// <summary>
/// What a gateway does to a request before routing it, as Istio's gateway does at the edge:
/// 1. request authentication and authorization of the gateway workload (RequestAuthentication and AuthorizationPolicy
///    that select it), on the one normalized path that routing and forwarding then use: 401/403 end the request;
/// 2. the claims of a verified JWT go on the request, so routes matching <c>@request.auth.claims.*</c> see them (and only them);
/// 3. the client becomes known upstream: its address appended to <c>x-forwarded-for</c>, <c>x-forwarded-proto</c> set
///    from how it connected, and <c>x-envoy-external-address</c> (the gateway's clients are external).
/// </summary>
internal static class GatewayAdmission
{
    public static async Task<bool> AdmitAsync(HttpContext context, RequestRecord record, RuntimeConfig config)
    {
        var peer = context.Features.Get<PeerIdentityFeature>() ?? new PeerIdentityFeature(null, null, 0, null);
        var access = await InboundAccessControl.CheckAsync(context, config, peer);
        if (!access.Admitted)
        {
            record.Details = access.Details;
            if (access.Details?.StartsWith("ext_authz", StringComparison.Ordinal) == true) record.Flag("UAEX");
            context.Response.StatusCode = access.Status;
            await context.Response.WriteAsync(access.Body ?? "", context.RequestAborted);
            return false;
        }
        context.Request.Path = new PathString(access.Path!.Path);
        if (access.Claims is { } claims) context.Features.Set(new VerifiedClaimsFeature(claims));
        var client = context.Connection.RemoteIpAddress?.ToString();
        if (client is not null)
        {
            var forwarded = context.Request.Headers["x-forwarded-for"].ToString();
            context.Request.Headers["x-forwarded-for"] = forwarded.Length == 0 ? client : $"{forwarded}, {client}";
            context.Request.Headers["x-envoy-external-address"] = client;
        }
        context.Request.Headers["x-forwarded-proto"] = context.Features.Get<GatewayRequestFeature>()?.Tls == true ? "https" : "http";
        return true;
    }

    /// <summary>A server's <c>httpsRedirect</c>: 301 to the same host and path over HTTPS (a plain-text port number is dropped).</summary>
    public static Task RedirectToHttpsAsync(HttpContext context, RequestRecord record)
    {
        var host = context.Request.Host;
        var location = $"https://{host.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
        record.Details = "https_redirect";
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}
