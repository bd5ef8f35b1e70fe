using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Switchboard.Proxy.Pipeline;

/// <summary>
/// Where the caller meant to go: the authority and port. For an explicit proxy request the target is
/// absolute-form (<c>GET http://payment-service.production:8080/x</c>); its authority wins over the Host
/// header, as RFC 9112 §3.2.2 requires of a proxy. For a captured connection the port is the one the app dialled
/// (its original destination), as Istio picks a sidecar's route table by listener port, whatever the Host header says.
/// </summary>
internal static class Destination
{
    public static (string Authority, int Port) Of(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        // Origin-form targets ("/path") are the common case: only absolute-form ones are parsed.
        if (target is { Length: > 0 } && target[0] != '/' && Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var authority = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";
            context.Request.Host = new HostString(authority);
            return (authority, uri.Port);
        }
        var host = context.Request.Host;
        if (context.Features.Get<Outbound.OriginalDestinationFeature>() is { } captured) return (host.Value ?? "", captured.Endpoint.Port);
        return (host.Value ?? "", host.Port ?? (context.Request.IsHttps ? 443 : 80));
    }
}
