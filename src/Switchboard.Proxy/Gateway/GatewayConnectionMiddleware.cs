using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Switchboard.Proxy.Hosting;
using Switchboard.Proxy.Inbound;
using Switchboard.Proxy.Runtime;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Gateway;

/// <summary>
/// The connection layer of a gateway port (reference/istio-api.md §1.3), before any HTTP:
/// 1. the listener for the local port, from the config in force (none: the connection is closed, as a port no
///    Gateway declares has no listener in Envoy);
/// 2. TLS ports: the ClientHello is read without consuming it, and its SNI picks the chain; PASSTHROUGH forwards the
///    untouched bytes; otherwise the handshake is done here with the chain's certificate (SNI-chosen), its client
///    certificate rule (MUTUAL, OPTIONAL_MUTUAL, ISTIO_MUTUAL) and TLS versions;
/// 3. HTTP over it (or plain text on HTTP ports): HTTP/1.1 goes on to Kestrel on the decrypted stream, HTTP/2 (ALPN h2,
///    or the h2c preface) through the internal HTTP/2 listener, both marked with the chain and the client's identity;
/// 4. TCP ports, and TLS terminated to TCP, are forwarded at L4.
/// </summary>
internal sealed class GatewayConnectionMiddleware(ConnectionDelegate next, ConfigHolder config, GatewayCredentials credentials, InboundRelay relay,
    GatewayTcpForwarder tcp, ILogger logger)
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    private static readonly ListenerRole Role = new(ListenerKind.Gateway);

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        try
        {
            await HandleAsync(connection);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException or AuthenticationException)
        {
            logger.LogDebug("gateway connection from {Remote} ended: {Error}", connection.RemoteEndPoint, ex.Message);
        }
    }

    private async Task HandleAsync(ConnectionContext connection)
    {
        var port = (connection.LocalEndPoint as IPEndPoint)?.Port ?? 0;
        if (config.Current?.GatewayListener(port) is not { } listener)
        {
            logger.LogDebug("gateway port {Port}: no Gateway server listens here", port);
            return;
        }
        var spec = listener.Spec;
        var local = config.Identity.Enabled ? config.Identity.Current.SpiffeId : null;
        if (spec.Protocol is "HTTPS" or "TLS")
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
            timeout.CancelAfter(HandshakeTimeout);
            var (isTls, serverName) = await PeekServerNameAsync(connection.Transport.Input, timeout.Token);
            if (!isTls || listener.Select(serverName) is not { Spec.Tls: { } tls } chain)
            {
                logger.LogDebug("gateway port {Port}: no chain for SNI {Sni} (TLS: {Tls})", port, serverName ?? "-", isTls);
                return;
            }
            if (tls.Mode == GatewayTls.Passthrough)
            {
                await tcp.ForwardAsync(connection, chain, serverName);
                return;
            }
            await using var ssl = new SslStream(new DuplexStream(connection.Transport), leaveInnerStreamOpen: false);
            string? clientId = null;
            try
            {
                var options = await ServerOptionsAsync(tls, chain.Routes is not null, id => clientId = id, timeout.Token);
                await ssl.AuthenticateAsServerAsync(options, timeout.Token);
            }
            catch (Exception ex) when (ex is InvalidOperationException or CryptographicException)
            {
                logger.LogWarning("gateway port {Port} ({Chain}): no certificate to serve: {Error}", port, chain.Spec.Name, ex.Message);
                return;
            }
            catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
            {
                logger.LogDebug("gateway port {Port}: handshake from {Remote} failed: {Error}", port, connection.RemoteEndPoint, ex.Message);
                return;
            }
            var hash = ssl.RemoteCertificate is { } remote ? Convert.ToHexStringLower(SHA256.HashData(remote.GetRawCertData())) : null;
            var peer = new PeerIdentityFeature(clientId, hash, spec.ServerPort, local);
            var request = new GatewayRequestFeature(port, chain.Spec.Name, spec.ServerPort, Tls: true);
            if (chain.Routes is null)
            {
                await WithTransportAsync(connection, new DuplexPipe(PipeReader.Create(ssl), PipeWriter.Create(ssl)), () => tcp.ForwardAsync(connection, chain, serverName));
                return;
            }
            if (ssl.NegotiatedApplicationProtocol == SslApplicationProtocol.Http2)
            {
                await relay.RelayAsync(ssl, new RelayTicket(ListenerKind.Gateway, peer, request, connection.RemoteEndPoint, connection.LocalEndPoint), connection.ConnectionClosed);
                return;
            }
            await ServeHttp1Async(connection, new DuplexPipe(PipeReader.Create(ssl), PipeWriter.Create(ssl)), peer, request);
            return;
        }
        if (listener.Select(null) is not { } plain) return;
        if (plain.Routes is null)
        {
            await tcp.ForwardAsync(connection, plain, null);
            return;
        }
        var plainPeer = new PeerIdentityFeature(null, null, spec.ServerPort, local);
        var plainRequest = new GatewayRequestFeature(port, plain.Spec.Name, spec.ServerPort, Tls: false);
        if (await StartsWithH2PrefaceAsync(connection.Transport.Input, connection.ConnectionClosed))
        {
            await relay.RelayAsync(new DuplexStream(connection.Transport), new RelayTicket(ListenerKind.Gateway, plainPeer, plainRequest, connection.RemoteEndPoint, connection.LocalEndPoint), connection.ConnectionClosed);
            return;
        }
        await ServeHttp1Async(connection, null, plainPeer, plainRequest);
    }

    private Task ServeHttp1Async(ConnectionContext connection, IDuplexPipe? transport, PeerIdentityFeature peer, GatewayRequestFeature request)
    {
        connection.Features.Set(peer);
        connection.Features.Set(request);
        connection.Features.Set(Role);
        return transport is null ? next(connection) : WithTransportAsync(connection, transport, () => next(connection));
    }

    /// <summary>Runs <paramref name="serve"/> with the connection reading and writing <paramref name="transport"/> (the decrypted stream).</summary>
    private static async Task WithTransportAsync(ConnectionContext connection, IDuplexPipe transport, Func<Task> serve)
    {
        var original = connection.Transport;
        connection.Transport = transport;
        try
        {
            await serve();
        }
        finally
        {
            connection.Transport = original;
        }
    }

    /// <summary>
    /// The handshake's settings for one chain: its certificate (a Secret or files; the gateway's own SVID for
    /// ISTIO_MUTUAL), whether a client certificate is required, requested or not asked for, and how it is verified.
    /// <paramref name="verified"/> receives the client's SPIFFE ID when its certificate carries one and was accepted.
    /// </summary>
    private async Task<SslServerAuthenticationOptions> ServerOptionsAsync(GatewayTls tls, bool http, Action<string?> verified, CancellationToken token)
    {
        var identity = config.Identity;
        ServerCredential? credential = null;
        SslStreamCertificateContext context;
        if (tls.Mode == GatewayTls.IstioMutual)
        {
            if (!identity.Enabled) throw new InvalidOperationException("ISTIO_MUTUAL needs the gateway's mesh identity, and it has none");
            context = identity.CertificateContext;
        }
        else
        {
            credential = await credentials.GetAsync(tls, token);
            context = credential.Context;
        }
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = context,
            ClientCertificateRequired = tls.RequestsClientCertificate,
            EnabledSslProtocols = GatewayTlsVersions.Protocols(tls.MinProtocolVersion, tls.MaxProtocolVersion),
            ApplicationProtocols = http ? [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11] : null,
            RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            {
                if (certificate is null) return !tls.RequiresClientCertificate;
                if (tls.Mode == GatewayTls.IstioMutual)
                {
                    var peer = identity.Validate(certificate, chain, Switchboard.Identity.Svid.PeerRole.Client, []);
                    if (peer.IsValid) verified(peer.Id!.ToString());
                    return peer.IsValid;
                }
                using var client = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                if (credential is null || !credential.AcceptsClient(client, tls.SubjectAltNames)) return false;
                verified(Switchboard.Identity.Svid.SubjectAltNames.Uris(client).FirstOrDefault(u => u.StartsWith("spiffe://", StringComparison.Ordinal)));
                return true;
            },
        };
    }

    /// <summary>Waits for the first TLS record (without consuming it) and reads its SNI; false when the client does not speak TLS.</summary>
    private static async Task<(bool IsTls, string? ServerName)> PeekServerNameAsync(PipeReader input, CancellationToken token)
    {
        while (true)
        {
            var result = await input.ReadAsync(token);
            var buffer = result.Buffer;
            // A TLS handshake record (0x16, version 3.x), then the ClientHello it carries, read whole before deciding.
            var header = System.Buffers.BuffersExtensions.ToArray(buffer.Slice(0, Math.Min(buffer.Length, 2)));
            var tls = header.Length == 0 || (header[0] == 0x16 && (header.Length < 2 || header[1] == 3));
            var hello = tls ? Outbound.ClientHello.Read(System.Buffers.BuffersExtensions.ToArray(buffer.Slice(0, Math.Min(buffer.Length, Outbound.ClientHello.MaxRecord)))) : default;
            if (!tls || hello.Complete || result.IsCompleted || buffer.Length >= Outbound.ClientHello.MaxRecord)
            {
                input.AdvanceTo(buffer.Start);
                return (tls && hello.Complete, hello.ServerName);
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static async Task<bool> StartsWithH2PrefaceAsync(PipeReader input, CancellationToken token)
    {
        var result = await input.ReadAtLeastAsync(3, token);
        var h2 = result.Buffer.Length >= 3 && System.Buffers.BuffersExtensions.ToArray(result.Buffer.Slice(0, 3)).AsSpan().SequenceEqual("PRI"u8);
        input.AdvanceTo(result.Buffer.Start);
        return h2;
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
