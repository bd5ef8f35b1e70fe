using System.Net;
using System.Net.Sockets;
using System.Text;
using Switchboard.Runtime.Network;

namespace Switchboard.Runtime.Tests.Network;

/// <summary>
/// The host-loopback forwarder in front of gateway pods, on real sockets: connections go to the targets in force when
/// they arrive, retargeting moves new ones (a rolled-out gateway at new addresses), and with no target a connection is
/// closed at once rather than left hanging.
/// </summary>
public sealed class LoopbackForwarderTests
{
    [Fact]
    public async Task New_connections_follow_the_targets_and_none_closes_them_at_once()
    {
        using var a = Banner("a");
        using var b = Banner("b");
        await using var forwarder = LoopbackForwarder.Start(0, [Endpoint(a)]);
        Assert.Equal("a", await ReadAsync(forwarder.Port));
        forwarder.Retarget([Endpoint(b)]);
        Assert.Equal("b", await ReadAsync(forwarder.Port));
        forwarder.Retarget([]);
        Assert.Equal("", await ReadAsync(forwarder.Port));
    }

    private static IPEndPoint Endpoint(TcpListener listener) => (IPEndPoint)listener.LocalEndpoint;

    /// <summary>A listener that writes <paramref name="text"/> to every connection and closes it.</summary>
    private static TcpListener Banner(string text)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(text));
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
            }
        });
        return listener;
    }

    /// <summary>Everything the forwarder's connection delivers until it closes (5 s at most).</summary>
    private static async Task<string> ReadAsync(int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
        return await reader.ReadToEndAsync(timeout.Token);
    }
}
