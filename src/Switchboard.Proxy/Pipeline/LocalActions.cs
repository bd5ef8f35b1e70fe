using System.Globalization;
using Microsoft.AspNetCore.Http;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Pipeline;

/// <summary>Routes answered by the proxy itself: redirects and direct responses.</summary>
internal static class LocalActions
{
    public static Task Redirect(HttpContext context, RedirectAction redirect, RouteMatch? matched)
    {
        var request = context.Request;
        var scheme = redirect.Scheme ?? request.Scheme;
        var host = redirect.Authority ?? request.Host.Host;
        int? port = redirect.Port;
        if (port is null && redirect.DerivePort == "FROM_REQUEST_PORT") port = request.Host.Port;
        if (port is null && redirect.DerivePort == "FROM_PROTOCOL_DEFAULT") port = scheme == "https" ? 443 : 80;
        if (port is null && redirect.Authority is null) port = request.Host.Port;
        var path = request.Path.Value ?? "/";
        if (redirect.Path is { } newPath) path = newPath;
        else if (redirect.PrefixRewrite is { } prefix && matched?.Path is { Kind: MatchKind.Prefix } m && path.StartsWith(m.Value, StringComparison.Ordinal))
            path = prefix + path[m.Value.Length..];
        var defaultPort = (scheme == "https" && port == 443) || (scheme == "http" && port == 80);
        var authority = port is null || defaultPort ? host : $"{host}:{port.Value.ToString(CultureInfo.InvariantCulture)}";
        context.Response.StatusCode = redirect.Status;
        context.Response.Headers.Location = $"{scheme}://{authority}{path}{request.QueryString}";
        return Task.CompletedTask;
    }

    public static Task Direct(HttpContext context, DirectResponseAction direct)
    {
        context.Response.StatusCode = direct.Status;
        if (direct.Body is null) return Task.CompletedTask;
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(direct.Body, context.RequestAborted);
    }
}
