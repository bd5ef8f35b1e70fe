using System.Net.Security;
using Switchboard.Identity.Svid;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Identity;

/// <summary>
/// Client-side mTLS toward in-mesh endpoints (ISTIO_MUTUAL, and auto mTLS to endpoints with a sidecar):
/// - present our SVID (leaf and intermediates);
/// - the server must present an X.509-SVID of our trust domain chaining to the mesh roots, and (secure naming) be
///   one of the identities the cluster's endpoints run as;
/// - SNI and ALPN: SocketsHttpHandler sets both itself (SNI from the endpoint address, ALPN <c>h2</c> for HTTP/2 and
///   none for HTTP/1.1), so Istio's <c>outbound_.PORT_.SUBSET_.HOST</c> and <c>istio-*</c> protocols set here are
///   overridden; our inbound side therefore routes by original destination and accepts the standard names too.
/// The options are made per cluster when the config (or the certificate) changes; connections are pooled by the
/// cluster's handler, so a handshake happens per connection, never per request.
/// </summary>
internal static class MeshTlsClient
{
    private static readonly SslApplicationProtocol PeerExchange = new("istio-peer-exchange");
    private static readonly SslApplicationProtocol IstioH2 = new("istio-h2");
    private static readonly SslApplicationProtocol IstioHttp11 = new("istio-http/1.1");

    public static SslClientAuthenticationOptions For(Cluster cluster, IReadOnlyList<Endpoint> endpoints, ProxyIdentity identity)
    {
        var allowed = endpoints.Select(e => e.Identity).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var h2 = cluster.Protocol is "http2" or "grpc" or "grpc-web";
        return new SslClientAuthenticationOptions
        {
            TargetHost = $"outbound_.{cluster.Port}_.{cluster.Subset}_.{cluster.Host}",
            ClientCertificateContext = identity.CertificateContext,
            ApplicationProtocols = h2 ? [PeerExchange, IstioH2, SslApplicationProtocol.Http2] : [PeerExchange, IstioHttp11, SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = (_, certificate, chain, _) => identity.Validate(certificate, chain, PeerRole.Server, allowed).IsValid,
        };
    }

    /// <summary>Whether traffic to <paramref name="endpoint"/> of <paramref name="cluster"/> is mutual TLS.</summary>
    public static bool Applies(Cluster cluster, Endpoint endpoint, ProxyIdentity identity) =>
        identity.Enabled && cluster.Tls switch
        {
            { Mode: UpstreamTlsMode.IstioMutual } => true,
            null => endpoint.Identity is not null,
            _ => false,
        };
}
