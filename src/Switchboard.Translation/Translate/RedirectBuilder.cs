using System.Text;
using Switchboard.Config.Networking;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>Compiles <c>redirect</c> (default 301) and <c>directResponse</c> (body string, or base64 bytes decoded as UTF-8).</summary>
internal static class RedirectBuilder
{
    public static RedirectAction Redirect(HttpRedirect redirect, int routePort)
    {
        var derive = redirect.DerivePort switch
        {
            RedirectPortSelection.FromRequestPort => "FROM_REQUEST_PORT",
            RedirectPortSelection.FromProtocolDefault => "FROM_PROTOCOL_DEFAULT",
            _ => null,
        };
        // FROM_REQUEST_PORT: routes are built per port, so the request's port is this route table's (as Istio does it).
        int? port = redirect.Port is > 0 ? (int)redirect.Port.Value : derive == "FROM_REQUEST_PORT" ? routePort : null;
        return new RedirectAction
        {
            Path = string.IsNullOrEmpty(redirect.Uri) ? null : redirect.Uri,
            PrefixRewrite = redirect.PrefixRewrite,
            Authority = string.IsNullOrEmpty(redirect.Authority) ? null : redirect.Authority,
            Port = port,
            DerivePort = derive,
            Scheme = string.IsNullOrEmpty(redirect.Scheme) ? null : redirect.Scheme,
            Status = redirect.RedirectCode is > 0 ? (int)redirect.RedirectCode.Value : 301,
        };
    }

    public static DirectResponseAction DirectResponse(HttpDirectResponse response)
    {
        string? body = response.Body?.String;
        if (body is null && response.Body?.Bytes is { } encoded)
        {
            try
            {
                body = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            catch (FormatException)
            {
                // Validation reports bad base64; an unreadable body is served empty rather than failing the whole config.
                body = "";
            }
        }
        return new DirectResponseAction((int)response.Status, body);
    }
}
