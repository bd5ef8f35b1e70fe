using System.Globalization;
using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Routing;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Pipeline;

/// <summary>
/// A route's <c>corsPolicy</c>, as Envoy's CORS filter applies it ahead of the router:
/// a preflight (OPTIONS with Origin and Access-Control-Request-Method) from an allowed origin is answered
/// by the proxy; one from another origin is forwarded untouched (Istio's default, unmatchedPreflights
/// FORWARD); an ordinary request from an allowed origin gets the allow-origin headers on its response.
/// </summary>
internal static class CorsHandler
{
    /// <summary>Handles CORS for the request; true when it was a preflight answered here.</summary>
    public static async Task<bool> ApplyAsync(HttpContext context, CorsRule cors, CompiledStringMatcher[] allowOrigins)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !allowOrigins.Any(m => m.Matches(origin))) return false;
        var preflight = HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.ContainsKey("Access-Control-Request-Method");
        if (preflight)
        {
            var headers = context.Response.Headers;
            headers["Access-Control-Allow-Origin"] = origin;
            if (cors.AllowMethods.Count > 0) headers["Access-Control-Allow-Methods"] = string.Join(',', cors.AllowMethods);
            if (cors.AllowHeaders.Count > 0) headers["Access-Control-Allow-Headers"] = string.Join(',', cors.AllowHeaders);
            if (cors.MaxAge is { } age) headers["Access-Control-Max-Age"] = ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            if (cors.AllowCredentials) headers["Access-Control-Allow-Credentials"] = "true";
            context.Response.StatusCode = 200;
            await context.Response.CompleteAsync();
            return true;
        }
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["Access-Control-Allow-Origin"] = origin;
            if (cors.ExposeHeaders.Count > 0) headers["Access-Control-Expose-Headers"] = string.Join(',', cors.ExposeHeaders);
            if (cors.AllowCredentials) headers["Access-Control-Allow-Credentials"] = "true";
            return Task.CompletedTask;
        });
        return false;
    }
}
