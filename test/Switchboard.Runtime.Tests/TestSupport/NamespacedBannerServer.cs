using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchboard.Runtime.Tests.TestSupport;

/// <summary>
/// A server-first TCP server (as MySQL is) listening inside a network namespace: it greets each connection with a banner
/// before the client says anything, then echoes what it receives until the client closes.
/// </summary>
internal sealed class NamespacedBannerServer : IDisposable
{
    private readonly Socket _listener;
    private readonly string _banner;
    private readonly CancellationTokenSource _stop = new();

    public NamespacedBannerServer(string ns, int port, string banner)
    {
        _banner = banner;
        _listener = NetworkNamespace.Run(ns, () =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            socket.Listen();
            return socket;
        });
        _ = ServeAsync();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var accepted = await _listener.AcceptAsync(_stop.Token);
                _ = EchoAsync(accepted);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    private async Task EchoAsync(Socket accepted)
    {
        using (accepted)
        await using (var stream = new NetworkStream(accepted, ownsSocket: false))
        {
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(_banner), _stop.Token);
                await stream.CopyToAsync(stream, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException)
            {
                // The client went away or the server is stopping; the test asserts on what the client saw.
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
    }
}
