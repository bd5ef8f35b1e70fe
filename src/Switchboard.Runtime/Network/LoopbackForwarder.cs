using System.Net;
using System.Net.Sockets;

namespace Switchboard.Runtime.Network;

/// <summary>
/// Exposes a gateway Service port on the host's loopback, as a cloud load balancer exposes it outside a cluster: a
/// listener on 127.0.0.1 only (nothing beyond this machine can reach it) that copies each connection to one of the
/// gateway pods at its target port, round robin. Bytes are copied untouched, so TLS and SNI reach the gateway as the
/// client sent them. The pods behind it change as gateway pods start and stop (<see cref="Retarget"/>); with none, a
/// connection is closed at once, as a load balancer with no healthy backend does.
/// </summary>
public sealed class LoopbackForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private volatile IReadOnlyList<IPEndPoint> _targets;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _next;

    private LoopbackForwarder(TcpListener listener, IReadOnlyList<IPEndPoint> targets)
    {
        _listener = listener;
        _targets = targets;
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The gateway pod ports connections go to now.</summary>
    public IReadOnlyList<IPEndPoint> Targets => _targets;

    /// <summary>New connections go to <paramref name="targets"/> from now on; those already open stay where they are.</summary>
    public void Retarget(IReadOnlyList<IPEndPoint> targets) => _targets = targets;

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/>; throws <see cref="SocketException"/> when the port is taken.</summary>
    public static LoopbackForwarder Start(int port, IReadOnlyList<IPEndPoint> targets)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new LoopbackForwarder(listener, targets);
    }

    /// <summary>The host port for a Service port: ports below 1024 move up by <paramref name="offset"/> (8000: 80 → 8080, 443 → 8443), so no privileged port is taken on the host.</summary>
    public static int HostPortFor(int servicePort, int offset) => servicePort < 1024 ? servicePort + offset : servicePort;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient { NoDelay = true })
        {
            var targets = _targets;
            if (targets.Count == 0) return;
            var target = targets[(int)((uint)Interlocked.Increment(ref _next) % (uint)targets.Count)];
            try
            {
                client.NoDelay = true;
                await upstream.ConnectAsync(target, _stop.Token);
                var a = client.GetStream();
                var b = upstream.GetStream();
                var up = CopyAsync(a, b, upstream.Client);
                var down = CopyAsync(b, a, client.Client);
                await Task.WhenAll(up, down);
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // Either side went away (or we are stopping): this connection is over.
            }
        }
    }

    private async Task CopyAsync(Stream from, Stream to, Socket finish)
    {
        try
        {
            await from.CopyToAsync(to, _stop.Token);
        }
        finally
        {
            try { finish.Shutdown(SocketShutdown.Send); } catch (SocketException) { } catch (ObjectDisposedException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
