using Microsoft.AspNetCore.Http;

namespace Switchboard.Proxy.Pipeline;

/// <summary>
/// Headers only proxies may set: a caller that sends them is trying to speak for the mesh. Removed at the first hop
/// (the client sidecar for an app's outbound request, the server sidecar for anything that reaches it from outside),
/// before anything reads the request: <c>x-forwarded-client-cert</c> (the verified peer, set by the inbound side from the
/// certificate), every <c>x-envoy-*</c> (Envoy's internal controls and peer metadata) and <c>x-istio-attributes</c>.
/// </summary>
internal static class InternalHeaders
{
    public static void Strip(IHeaderDictionary headers)
    {
        List<string>? remove = null;
        foreach (var name in headers.Keys)
        {
            if (name.StartsWith("x-envoy-", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-forwarded-client-cert", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-istio-attributes", StringComparison.OrdinalIgnoreCase))
            {
                (remove ??= []).Add(name);
            }
        }
        if (remove is null) return;
        foreach (var name in remove) headers.Remove(name);
    }
}
