using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Proxy.Inbound;

/// <summary>
/// Carries inbound HTTP/2 (negotiated over mTLS, or h2c prior knowledge in plain text) to an internal HTTP/2-only
/// listener on loopback. Kestrel fixes a listener's protocols when it binds (HTTP/2 next to HTTP/1.1 only with its own
/// TLS), while ours is decided per connection; the relay is the bridge. The verified peer identity crosses with it:
/// registered under the relay connection's local port, claimed once by the internal listener. A connection to the
/// internal listener that nobody registered (another local process) is closed, so it is no way around mTLS.
/// </summary>
internal sealed class InboundRelay
{
    private readonly ConcurrentDictionary<int, RelayTicket> _pending = new();

    /// <summary>The internal listener's bound port (known once Kestrel has bound it).</summary>
    public Func<int> Port { get; set; } = () => throw new InvalidOperationException("the inbound HTTP/2 listener is not bound yet");

    /// <summary>Relays <paramref name="caller"/> (already decrypted) to the internal listener until either side closes.</summary>
    public Task RelayAsync(Stream caller, PeerIdentityFeature peer, EndPoint? remote, EndPoint? local, CancellationToken token) =>
        RelayAsync(caller, new RelayTicket(Hosting.ListenerKind.Inbound, peer, null, remote, local), token);

    /// <summary>The same for any listener: the ticket says which role the relayed requests are served in, and what the connection established.</summary>
    public async Task RelayAsync(Stream caller, RelayTicket peer, CancellationToken token)
    {
        using var relay = new TcpClient { NoDelay = true };
        relay.Client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var local = ((IPEndPoint)relay.Client.LocalEndPoint!).Port;
        _pending[local] = peer;
        try
        {
            await relay.ConnectAsync(IPAddress.Loopback, Port(), token);
            await using var stream = relay.GetStream();
            var up = CopyAsync(caller, stream, relay.Client, token);
            var down = CopyAsync(stream, caller, null, token);
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            // Either side went away: the connection is over.
        }
        finally
        {
            _pending.TryRemove(local, out _);
        }
    }

    /// <summary>The ticket registered for a relay connection from <paramref name="remotePort"/>; null for anyone else.</summary>
    public RelayTicket? Claim(int remotePort) => _pending.TryRemove(remotePort, out var peer) ? peer : null;

    private static async Task CopyAsync(Stream from, Stream to, Socket? finish, CancellationToken token)
    {
        try
        {
            await from.CopyToAsync(to, token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // closed mid-copy
        }
        finally
        {
            // Half-close toward the relay so the internal listener sees the caller's end.
            try { finish?.Shutdown(SocketShutdown.Send); } catch (SocketException) { }
        }
    }
}

/// <summary>
/// What a relayed connection carries across: the listener role its requests are served in, the peer, (gateways) the chain
/// that took it, and the original connection's addresses, so authorization (ipBlocks), x-forwarded-for and the access
/// log see the real caller rather than the relay's loopback socket.
/// </summary>
internal sealed record RelayTicket(Hosting.ListenerKind Kind, PeerIdentityFeature Peer, Gateway.GatewayRequestFeature? Gateway, EndPoint? Remote, EndPoint? Local);
