using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using Switchboard.Identity.Svid;
using Switchboard.Proxy.Identity;
using Switchboard.Proxy.Runtime;
using Switchboard.Runtime.Capture;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Inbound;

/// <summary>
/// The inbound connection layer (15006, and the workload's own ports when the proxy stands in for a pod address):
/// 1. the port the caller was going to: the original destination of a redirected connection, else the local port;
/// 2. the PeerAuthentication mode for that port, from the config in force;
/// 3. the first bytes tell TLS (a handshake record, 0x16) from plain text, on the same port (PERMISSIVE);
/// 4. STRICT closes plain text; TLS must end in a client certificate that is an X.509-SVID of our trust domain
///    (no certificate, another root, a CA, two URI SANs: closed); DISABLE takes plain text only;
/// 5. after the handshake the connection carries the decrypted stream and the verified peer identity (HTTP/1.1:
///    see the ALPN note below); it is opaque TCP to the app when the port is declared so, or when the caller's sidecar
///    said so by ALPN <c>istio</c> (Istio's inbound filter chains choose the same way: a server-first protocol on an
///    undeclared port has no first bytes to sniff here, the caller's side already decided).
/// </summary>
internal sealed class InboundConnectionMiddleware(ConnectionDelegate next, ConfigHolder config, InboundRelay relay, ILogger logger,
    Telemetry.Metrics.IstioMetrics metrics)
{
    private readonly InboundTcp tcp = new(config, logger, metrics);

    private static readonly SslApplicationProtocol IstioH2 = new("istio-h2");

    private static readonly SslApplicationProtocol IstioHttp11 = new("istio-http/1.1");
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        var port = DestinationPort(connection);
        var mode = config.Current?.Source.Inbound.ModeFor(port) ?? PeerMode.Permissive;
        var kind = await SniffAsync(connection.Transport.Input, connection.ConnectionClosed);
        if (kind == FirstBytes.Closed) return;
        var identity = config.Identity;
        if (kind != FirstBytes.Tls)
        {
            if (mode == PeerMode.Strict)
            {
                logger.LogDebug("inbound {Port}: plain text refused (STRICT) from {Remote}", port, connection.RemoteEndPoint);
                return;
            }
            var plain = new PeerIdentityFeature(null, null, port, identity.Enabled ? identity.Current.SpiffeId : null);
            if (IsOpaque(port))
            {
                await tcp.ServeAsync(connection, new DuplexStream(connection.Transport), plain);
                return;
            }
            if (kind == FirstBytes.H2Preface)
            {
                await relay.RelayAsync(new DuplexStream(connection.Transport), plain, connection.RemoteEndPoint, connection.LocalEndPoint, connection.ConnectionClosed);
                return;
            }
            connection.Features.Set(plain);
            await next(connection);
            return;
        }
        if (mode == PeerMode.Disable || !identity.Enabled)
        {
            logger.LogDebug("inbound {Port}: TLS refused ({Why})", port, identity.Enabled ? "DISABLE" : "no workload identity");
            return;
        }
        await using var ssl = new SslStream(new DuplexStream(connection.Transport), leaveInnerStreamOpen: false);
        PeerValidationResult? peer = null;
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = identity.CertificateContext,
            ClientCertificateRequired = true,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            // h2 first: HTTP/2 callers (gRPC) keep HTTP/2 end to end, through the relay; Istio's names count as the standard ones.
            ApplicationProtocols = [SslApplicationProtocol.Http2, IstioH2, SslApplicationProtocol.Http11, IstioHttp11, MeshTlsClient.IstioTcp],
            RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            {
                peer = identity.Validate(certificate, chain, PeerRole.Client, []);
                return peer.IsValid;
            },
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
            timeout.CancelAfter(HandshakeTimeout);
            await ssl.AuthenticateAsServerAsync(options, timeout.Token);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
        {
            logger.LogDebug("inbound {Port}: mTLS handshake from {Remote} failed: {Error} {Peer}", port, connection.RemoteEndPoint, ex.Message, peer);
            return;
        }
        if (peer is not { IsValid: true } verified) return;
        var hash = ssl.RemoteCertificate is { } remote ? Convert.ToHexStringLower(SHA256.HashData(remote.GetRawCertData())) : null;
        var feature = new PeerIdentityFeature(verified.Id.ToString(), hash, port, identity.Current.SpiffeId);
        if (IsOpaque(port) || ssl.NegotiatedApplicationProtocol == MeshTlsClient.IstioTcp)
        {
            await tcp.ServeAsync(connection, ssl, feature, MeshTlsClient.HostOfServerName(ssl.TargetHostName));
            return;
        }
        if (ssl.NegotiatedApplicationProtocol == SslApplicationProtocol.Http2 || ssl.NegotiatedApplicationProtocol == IstioH2)
        {
            await relay.RelayAsync(ssl, feature, connection.RemoteEndPoint, connection.LocalEndPoint, connection.ConnectionClosed);
            return;
        }
        connection.Features.Set(feature);
        var original = connection.Transport;
        connection.Transport = new DuplexPipe(PipeReader.Create(ssl), PipeWriter.Create(ssl));
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = original;
        }
    }

    /// <summary>A port a Service declares as opaque TCP (tcp, mysql, mongo, redis, tls…): bytes, not HTTP, after the connection layer.</summary>
    private bool IsOpaque(int port) => config.Current?.Source.Inbound.ProtocolOf(port) is { } protocol && !Switchboard.Model.Protocols.IsHttp(protocol);

    /// <summary>Redirected (iptables) connections carry their original destination; direct ones arrived on the port meant.</summary>
    private static int DestinationPort(ConnectionContext connection)
    {
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket && OriginalDestination.Get(socket) is { } original) return original.Port;
        return (connection.LocalEndPoint as IPEndPoint)?.Port ?? 0;
    }

    private enum FirstBytes { Closed, Tls, H2Preface, Other }

    /// <summary>
    /// What the caller opened with, consuming nothing: a TLS handshake record (0x16), the HTTP/2 connection preface
    /// (<c>PRI * HTTP/2.0</c>, h2c prior knowledge), or anything else (HTTP/1.x); Closed if it went away first.
    /// </summary>
    private static async Task<FirstBytes> SniffAsync(PipeReader input, CancellationToken token)
    {
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(token);
                var buffer = result.Buffer;
                if (buffer.Length > 0 && buffer.FirstSpan[0] == 0x16)
                {
                    input.AdvanceTo(buffer.Start);
                    return FirstBytes.Tls;
                }
                if (buffer.Length >= 3 || result.IsCompleted)
                {
                    var h2 = buffer.Length >= 3 && buffer.Slice(0, 3).ToArray().AsSpan().SequenceEqual("PRI"u8);
                    input.AdvanceTo(buffer.Start);
                    return buffer.Length == 0 ? FirstBytes.Closed : h2 ? FirstBytes.H2Preface : FirstBytes.Other;
                }
                // Fewer than three bytes so far: look at them again with more.
                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException)
        {
            return FirstBytes.Closed;
        }
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
