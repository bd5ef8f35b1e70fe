using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Switchboard.Identity.Svid;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Identity;

/// <summary>
/// Client-side mTLS toward in-mesh endpoints (ISTIO_MUTUAL, and auto mTLS to endpoints with a sidecar), done in the
/// pool's connect step so the handshake is ours, not SocketsHttpHandler's (which would replace SNI and ALPN):
/// - present our SVID (leaf and intermediates);
/// - the server must present an X.509-SVID of our trust domain chaining to the mesh roots, and (secure naming) be
///   one of the identities the cluster's endpoints run as;
/// - SNI <c>outbound_.PORT_.SUBSET_.HOST</c> and ALPN <c>istio-peer-exchange</c> plus <c>istio-h2</c> (HTTP/2 and
///   gRPC clusters) or <c>istio-http/1.1</c>, or <c>istio</c> for opaque TCP, as Istio's sidecars send them, so an Istio
///   sidecar would take us too. The receiving sidecar learns from it what the stream carries: a port no Service declares
///   is HTTP or TCP by what the caller's sidecar found (a server-first protocol shows nothing to sniff on the inbound side).
/// The handler then speaks HTTP over the finished TLS stream (h2 by prior knowledge for HTTP/2 clusters, which is
/// what <c>istio-h2</c> promised). Connections are pooled: a handshake per connection, never per request.
/// </summary>
internal static class MeshTlsClient
{
    private static readonly SslApplicationProtocol PeerExchange = new("istio-peer-exchange");
    private static readonly SslApplicationProtocol IstioH2 = new("istio-h2");
    private static readonly SslApplicationProtocol IstioHttp11 = new("istio-http/1.1");

    /// <summary>Istio's ALPN for a stream that is opaque TCP (not HTTP) between two sidecars.</summary>
    public static readonly SslApplicationProtocol IstioTcp = new("istio");

    /// <summary>
    /// The service host a mesh connection's SNI names (<c>outbound_.PORT_.SUBSET_.HOST</c>, as <see cref="For"/> sends it),
    /// or null: how the receiving sidecar tells which service an opaque TCP connection was for, as Istio's does.
    /// </summary>
    public static string? HostOfServerName(string? serverName)
    {
        if (serverName is null || !serverName.StartsWith("outbound_.", StringComparison.Ordinal)) return null;
        var parts = serverName.Split("_.", 4);
        return parts.Length == 4 && parts[3].Length > 0 ? parts[3] : null;
    }

    /// <summary>The TLS options for a connection to one of <paramref name="cluster"/>'s mesh endpoints, carrying HTTP or (<paramref name="opaque"/>) TCP.</summary>
    public static SslClientAuthenticationOptions For(Cluster cluster, IReadOnlyList<Endpoint> endpoints, ProxyIdentity identity, bool opaque = false)
    {
        var allowed = endpoints.Select(e => e.Identity).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var h2 = cluster.Protocol is "http2" or "grpc" or "grpc-web";
        return new SslClientAuthenticationOptions
        {
            TargetHost = $"outbound_.{cluster.Port}_.{cluster.Subset}_.{cluster.Host}",
            ClientCertificateContext = identity.CertificateContext,
            ApplicationProtocols = opaque ? [PeerExchange, IstioTcp]
                : h2 ? [PeerExchange, IstioH2, SslApplicationProtocol.Http2] : [PeerExchange, IstioHttp11, SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = (_, certificate, chain, _) => identity.Validate(certificate, chain, PeerRole.Server, allowed).IsValid,
        };
    }

    /// <summary>A connect step for SocketsHttpHandler: TCP to the endpoint, then our mTLS handshake; the handler sees a plain stream.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(SslClientAuthenticationOptions tls) => async (context, token) =>
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, token);
            var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
            try
            {
                await ssl.AuthenticateAsClientAsync(tls, token);
            }
            catch
            {
                await ssl.DisposeAsync();
                throw;
            }
            return ssl;
        }
        catch (SocketException)
        {
            socket.Dispose();
            throw;
        }
    };

    /// <summary>Whether traffic to <paramref name="endpoint"/> of <paramref name="cluster"/> is mutual TLS.</summary>
    public static bool Applies(Cluster cluster, Endpoint endpoint, ProxyIdentity identity) =>
        identity.Enabled && cluster.Tls switch
        {
            { Mode: UpstreamTlsMode.IstioMutual } => true,
            null => endpoint.Identity is not null,
            _ => false,
        };
}
