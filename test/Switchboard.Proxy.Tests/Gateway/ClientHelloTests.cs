using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Switchboard.Proxy.Gateway;

namespace Switchboard.Proxy.Tests.Gateway;

/// <summary>SNI read from real ClientHellos (.NET's TLS client over a loopback socket), and what is not one.</summary>
public sealed class ClientHelloTests
{
    /// <summary>The first bytes a real TLS client sends for <paramref name="serverName"/>.</summary>
    private static async Task<byte[]> HelloFor(string serverName)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await listener.AcceptTcpClientAsync();
        var ssl = new SslStream(client.GetStream(), false, (_, _, _, _) => true);
        _ = ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = serverName });
        var buffer = new byte[ClientHello.MaxRecord];
        var read = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (ClientHello.TryRead(new ReadOnlySequence<byte>(buffer, 0, read), out _) == ClientHello.Status.NeedMore)
            read += await accepted.GetStream().ReadAsync(buffer.AsMemory(read), timeout.Token);
        return buffer[..read];
    }

    [Theory]
    [InlineData("api.example.com")]
    [InlineData("API.Example.COM")]
    [InlineData("a-very-long-label-to-make-the-extension-longer.sub.backend.test")]
    public async Task The_server_name_of_a_real_client_hello_is_read_lower_case(string name)
    {
        var hello = await HelloFor(name);
        Assert.Equal(ClientHello.Status.Parsed, ClientHello.TryRead(new ReadOnlySequence<byte>(hello), out var sni));
        Assert.Equal(name.ToLowerInvariant(), sni);
    }

    [Fact]
    public async Task A_partial_hello_needs_more_and_plain_text_is_not_tls()
    {
        var hello = await HelloFor("api.example.com");
        Assert.Equal(ClientHello.Status.NeedMore, ClientHello.TryRead(new ReadOnlySequence<byte>(hello[..20]), out _));
        Assert.Equal(ClientHello.Status.NeedMore, ClientHello.TryRead(new ReadOnlySequence<byte>(hello[..3]), out _));
        Assert.Equal(ClientHello.Status.NotTls, ClientHello.TryRead(new ReadOnlySequence<byte>("GET / HTTP/1.1\r\n"u8.ToArray()), out _));
    }

    [Fact]
    public async Task A_hello_whose_lengths_lie_has_no_name_rather_than_a_wrong_one()
    {
        var hello = await HelloFor("api.example.com");
        // Claim a session id longer than the record: the parser must stop, not read past it.
        hello[5 + 38] = 0xff;
        Assert.Equal(ClientHello.Status.Parsed, ClientHello.TryRead(new ReadOnlySequence<byte>(hello), out var sni));
        Assert.Null(sni);
    }
}
