using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchboard.Proxy.Tests.Outbound;

/// <summary>
/// A server-first TCP server on 127.0.0.1:0, as MySQL or SMTP are: it greets each connection with a banner before the
/// client says anything, then echoes whatever it receives, byte for byte, until the client closes.
/// </summary>
public sealed class BannerServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _accepted;

    public BannerServer(string banner)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var peer = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                _ = Task.Run(async () =>
                {
                    using (peer)
                    {
                        var stream = peer.GetStream();
                        await stream.WriteAsync(Encoding.ASCII.GetBytes(banner));
                        try { await stream.CopyToAsync(stream, _stop.Token); }
                        catch (Exception ex) when (ex is IOException or OperationCanceledException) { }
                    }
                });
            }
        });
    }

    public int Port { get; }
    public IPEndPoint Endpoint => new(IPAddress.Loopback, Port);

    /// <summary>Connections accepted so far (a refused destination must never be dialled).</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
