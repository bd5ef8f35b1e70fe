using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Switchboard.Authorization.Evaluation;
using Switchboard.Authorization.Requests;
using Switchboard.Proxy.Runtime;

namespace Switchboard.Proxy.Inbound;

/// <summary>
/// Opaque TCP to the workload (a port declared tcp/mysql/redis/…): authorized once per connection — with only what a
/// connection carries (peer identity, addresses, port), so HTTP-only rules never allow it and DENY rules with them
/// deny it (reference §1.2) — then piped to the app on 127.0.0.1 at the same port. A denied connection is closed.
/// </summary>
internal sealed class InboundTcp(ConfigHolder config, ILogger logger, Telemetry.Metrics.IstioMetrics metrics)
{
    /// <summary>Serves one connection; <paramref name="service"/> is the service host the caller's sidecar named in its SNI, if any.</summary>
    public async Task ServeAsync(ConnectionContext connection, Stream caller, PeerIdentityFeature peer, string? service = null)
    {
        if (config.Current is not { } current) return;
        var principal = SpiffePrincipal.Of(peer.SpiffeId);
        // The destination reporter's view; a TCP connection carries no peer metadata, so the caller is its certificate.
        var series = metrics.Tcp(new Telemetry.Metrics.TcpReport(Telemetry.Metrics.Reporter.Destination, Telemetry.Metrics.PeerMetadata.Caller(principal, null),
            current.Telemetry.Self, service, "-", principal is not null ? "mutual_tls" : "none"));
        using var open = Telemetry.Metrics.TcpCounting.Open(series);
        var decision = AuthzEvaluator.Evaluate(current.Source.Inbound.Authorization, new RequestAttributes
        {
            IsTcp = true,
            Port = peer.DestinationPort,
            SourceIp = (connection.RemoteEndPoint as IPEndPoint)?.Address,
            RemoteIp = (connection.RemoteEndPoint as IPEndPoint)?.Address,
            DestinationIp = (connection.LocalEndPoint as IPEndPoint)?.Address,
            SourcePrincipal = peer.SpiffeId,
        });
        // CUSTOM over TCP needs a gRPC authorizer Switchboard does not speak yet: closed, never waved through.
        if (!decision.Allowed || decision.CustomProviders.Count > 0)
        {
            logger.LogInformation("inbound tcp {Port} from {Peer}: denied by {Policy}", peer.DestinationPort, peer.SpiffeId ?? "(no identity)", decision.DecidingPolicy ?? "CUSTOM");
            return;
        }
        using var app = new TcpClient { NoDelay = true };
        try
        {
            await app.ConnectAsync(IPAddress.Loopback, peer.DestinationPort, connection.ConnectionClosed);
            await using var stream = app.GetStream();
            var up = CopyAsync(caller, stream, series, false, () => app.Client.Shutdown(SocketShutdown.Send));
            var down = CopyAsync(stream, caller, series, true, null);
            // The app closing ends the connection; the caller closing its side still lets the app answer.
            if (await Task.WhenAny(up, down) == up) await down;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            // The app or the caller went away: the connection is over.
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, Telemetry.Metrics.TcpSeries series, bool towardCaller, Action? finished)
    {
        try
        {
            await Telemetry.Metrics.TcpCounting.CopyAsync(from, to, series, towardCaller);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // closed mid-copy
        }
        try { finished?.Invoke(); } catch (SocketException) { }
    }
}
