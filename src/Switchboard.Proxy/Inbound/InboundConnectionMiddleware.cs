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
///    see the ALPN note below).
/// </summary>
internal sealed class InboundConnectionMiddleware(ConnectionDelegate next, ConfigHolder config, ILogger logger)
{
    private static readonly SslApplicationProtocol IstioHttp11 = new("istio-http/1.1");
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        var port = DestinationPort(connection);
        var mode = config.Current?.Source.Inbound.ModeFor(port) ?? PeerMode.Permissive;
        var tls = await LooksLikeTlsAsync(connection.Transport.Input, connection.ConnectionClosed);
        if (tls is null) return;
        var identity = config.Identity;
        if (tls == false)
        {
            if (mode == PeerMode.Strict)
            {
                logger.LogDebug("inbound {Port}: plain text refused (STRICT) from {Remote}", port, connection.RemoteEndPoint);
                return;
            }
            connection.Features.Set(new PeerIdentityFeature(null, null, port, identity.Enabled ? identity.Current.SpiffeId : null));
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
            // HTTP/1.1 only for now: Kestrel fixes a listener's protocols at bind time from whether it has its own TLS,
            // so h2 negotiated here would meet an HTTP/1.1-only parser. Callers that offer h2 fall back to HTTP/1.1.
            ApplicationProtocols = [SslApplicationProtocol.Http11, IstioHttp11],
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
        connection.Features.Set(new PeerIdentityFeature(verified.Id.ToString(), hash, port, identity.Current.SpiffeId));
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

    /// <summary>Redirected (iptables) connections carry their original destination; direct ones arrived on the port meant.</summary>
    private static int DestinationPort(ConnectionContext connection)
    {
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket && OriginalDestination.Get(socket) is { } original) return original.Port;
        return (connection.LocalEndPoint as IPEndPoint)?.Port ?? 0;
    }

    /// <summary>True for a TLS handshake record, false for anything else, null when the caller went away first. Consumes nothing.</summary>
    private static async Task<bool?> LooksLikeTlsAsync(PipeReader input, CancellationToken token)
    {
        try
        {
            var result = await input.ReadAsync(token);
            var first = result.Buffer.IsEmpty ? (byte)0 : result.Buffer.FirstSpan[0];
            var empty = result.Buffer.IsEmpty && result.IsCompleted;
            input.AdvanceTo(result.Buffer.Start);
            return empty ? null : first == 0x16;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException)
        {
            return null;
        }
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
