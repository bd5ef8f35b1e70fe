using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Switchboard.Proxy.Outbound;

namespace Switchboard.Proxy.Tests.Outbound;

/// <summary>SNI read from real ClientHellos (made by .NET's TLS stack, OpenSSL on Linux), and from partial or broken ones.</summary>
public sealed class ClientHelloTests
{
    [Theory]
    [InlineData("api.partner.example")]
    [InlineData("Payment-Service.Production.svc.cluster.local")]
    public async Task Sni_of_a_real_client_hello(string serverName)
    {
        var hello = await CaptureClientHelloAsync(serverName);
        Assert.Equal(SniffedProtocol.Tls, ProtocolSniffer.Classify(hello));
        var result = ClientHello.Read(hello);
        Assert.True(result.Complete);
        Assert.Equal(serverName.ToLowerInvariant(), result.ServerName);
    }

    [Fact]
    public async Task A_client_hello_without_sni_has_no_server_name()
    {
        // .NET sends no SNI for an IP-address target host (RFC 6066 forbids literal addresses there).
        var result = ClientHello.Read(await CaptureClientHelloAsync("127.0.0.1"));
        Assert.True(result.Complete);
        Assert.Null(result.ServerName);
    }

    [Fact]
    public async Task A_partial_record_asks_for_more_and_garbage_inside_a_record_has_no_name()
    {
        var hello = await CaptureClientHelloAsync("api.partner.example");
        Assert.False(ClientHello.Read(hello.AsSpan(0, hello.Length - 1)).Complete);
        Assert.False(ClientHello.Read(hello.AsSpan(0, 4)).Complete);
        // Same record length, body truncated to zeros: complete, but nothing to read a name from.
        var broken = hello.ToArray();
        Array.Clear(broken, 9, broken.Length - 9);
        var result = ClientHello.Read(broken);
        Assert.True(result.Complete);
        Assert.Null(result.ServerName);
    }

    /// <summary>The first flight of a real TLS client, caught by a listener that never answers.</summary>
    private static async Task<byte[]> CaptureClientHelloAsync(string serverName)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await listener.AcceptTcpClientAsync();
        var ssl = new SslStream(client.GetStream());
        using var stop = new CancellationTokenSource();
        var handshake = ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = serverName }, stop.Token);
        var buffer = new byte[ClientHello.MaxRecord];
        var read = 0;
        var stream = accepted.GetStream();
        do
        {
            read += await stream.ReadAsync(buffer.AsMemory(read)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
        while (!ClientHello.Read(buffer.AsSpan(0, read)).Complete);
        await stop.CancelAsync();
        client.Close();
        try { await handshake; } catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException) { }
        return buffer[..read];
    }
}
