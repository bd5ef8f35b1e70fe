using System.Net;
using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Telemetry;
using Switchboard.Translation.ProxyConfig;
using Yarp.ReverseProxy.Forwarder;

namespace Switchboard.Proxy.Pipeline;

/// <summary>
/// Requests for hosts outside the proxy's scope (reference §1.6, outboundTrafficPolicy), when the traffic was captured:
/// - ALLOW_ANY (Istio's default): forwarded to the connection's original destination — where the app was going —
///   through Istio's <c>PassthroughCluster</c>, with no mesh policy (this is exactly why REGISTRY_ONLY exists);
/// - REGISTRY_ONLY: answered 502 from <c>BlackHoleCluster</c>, as Istio's sidecars do.
/// An explicit proxy request (curl -x) for an unknown host has no original destination: it stays 404 NR rather than
/// make the proxy resolve and dial any name a caller hands it. A destination that is this listener is never forwarded.
/// </summary>
internal sealed class Passthrough(IHttpForwarder forwarder)
{
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    }, disposeHandler: true);

    private static readonly ForwarderRequestConfig Http2 = new() { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

    /// <summary>True when the request was handled here (captured traffic); false leaves the caller's 404 NR.</summary>
    public async Task<bool> TryForwardAsync(HttpContext context, RequestRecord record, string policy)
    {
        if (Original(context) is not { } original || IsSelf(context, original)) return false;
        if (policy == ProxyConfig.RegistryOnly)
        {
            record.Cluster = "BlackHoleCluster";
            await Responder.Local(context, record, 502, ResponseFlags.NoRoute, "", "outbound_traffic_policy_registry_only");
            return true;
        }
        var target = original.ToString();
        record.Cluster = "PassthroughCluster";
        record.UpstreamHost = target;
        // The upstream gets the protocol the app spoke (Envoy's use_downstream_protocol on PassthroughCluster): h2c stays h2c.
        var error = await forwarder.SendAsync(context, "http://" + target, _invoker, HttpProtocol.IsHttp2(context.Request.Protocol) ? Http2 : ForwarderRequestConfig.Empty,
            HttpTransformer.Default);
        if (error != ForwarderError.None && !context.Response.HasStarted) await Responder.Local(context, record, 503, ResponseFlags.UpstreamConnectionFailure, "", "passthrough_failed");
        return true;
    }

    /// <summary>Where a captured connection was going (iptables REDIRECT, read once by the connection middleware); null for a caller that dialled the proxy itself.</summary>
    private static IPEndPoint? Original(HttpContext context) => context.Features.Get<Outbound.OriginalDestinationFeature>()?.Endpoint;

    private static bool IsSelf(HttpContext context, IPEndPoint endpoint) =>
        endpoint.Port == context.Connection.LocalPort
        && (IPAddress.IsLoopback(endpoint.Address) || endpoint.Address.Equals(context.Connection.LocalIpAddress) || endpoint.Address.Equals(IPAddress.Any));
}
