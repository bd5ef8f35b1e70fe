using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchboard.Proxy.Tests;

/// <summary>Beyond plain HTTP/1.1: CONNECT tunnels, WebSocket upgrades, streaming bodies, HTTP/2 both ways.</summary>
public class ProtocolTests
{
    [Fact]
    public async Task Connect_tunnels_opaque_bytes_to_a_service_endpoint()
    {
        using var echo = new TcpListener(IPAddress.Loopback, 0);
        echo.Start();
        var port = ((IPEndPoint)echo.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var peer = await echo.AcceptTcpClientAsync();
            var stream = peer.GetStream();
            var buffer = new byte[64];
            var n = await stream.ReadAsync(buffer);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("echo:" + Encoding.ASCII.GetString(buffer, 0, n)));
        });
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { port }, null)]));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, proxy.OutboundPort);
        var tunnel = client.GetStream();
        await tunnel.WriteAsync(Encoding.ASCII.GetBytes("CONNECT reviews.default:8080 HTTP/1.1\r\nHost: reviews.default:8080\r\n\r\n"));
        var head = await ReadUntil(tunnel, "\r\n\r\n");
        Assert.True(head.StartsWith("HTTP/1.1 200", StringComparison.Ordinal), head + "\n" + proxy.AccessLog);
        await tunnel.WriteAsync(Encoding.ASCII.GetBytes("ping"));
        Assert.Equal("echo:ping", await ReadUntil(tunnel, "ping"));
        await server;
    }

    [Fact]
    public async Task Connect_to_an_unknown_destination_is_refused()
    {
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], Array.Empty<(string, TestUpstream[])>()));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, proxy.OutboundPort);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n"));
        var head = await ReadUntil(stream, "\r\n\r\n");
        Assert.True(head.StartsWith("HTTP/1.1 404", StringComparison.Ordinal), head + "\n" + proxy.AccessLog);
    }

    [Fact]
    public async Task WebSocket_upgrade_passes_through()
    {
        await using var upstream = await StartUpstream(HttpProtocols.Http1, async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[64];
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            await socket.SendAsync(Encoding.UTF8.GetBytes("ws:" + Encoding.UTF8.GetString(buffer, 0, received.Count)), WebSocketMessageType.Text, true, CancellationToken.None);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }, websockets: true);
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { upstream.Port }, null)]));
        using var ws = new ClientWebSocket();
        ws.Options.Proxy = new WebProxy($"http://127.0.0.1:{proxy.OutboundPort}");
        await ws.ConnectAsync(new Uri("ws://reviews.default:8080/socket"), CancellationToken.None);
        await ws.SendAsync(Encoding.UTF8.GetBytes("hello"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[64];
        var result = await ws.ReceiveAsync(buffer, CancellationToken.None);
        Assert.Equal("ws:hello", Encoding.UTF8.GetString(buffer, 0, result.Count));
    }

    [Fact]
    public async Task Http2_upstream_for_http2_clusters()
    {
        await using var upstream = await StartUpstream(HttpProtocols.Http2, context => context.Response.WriteAsync(context.Request.Protocol));
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { upstream.Port }, c => c with { Protocol = "http2" })]));
        Assert.Equal("HTTP/2", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
    }

    [Fact]
    public async Task Streaming_response_reaches_the_caller_before_it_ends()
    {
        var release = new TaskCompletionSource();
        await using var upstream = await StartUpstream(HttpProtocols.Http1, async context =>
        {
            await context.Response.WriteAsync("first;");
            await context.Response.Body.FlushAsync();
            await release.Task;
            await context.Response.WriteAsync("second");
        });
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { upstream.Port }, null)]));
        using var response = await proxy.Client.GetAsync($"{Configs.Url}/", HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[6];
        var read = 0;
        while (read < 6) read += await body.ReadAsync(buffer.AsMemory(read));
        Assert.Equal("first;", Encoding.ASCII.GetString(buffer));
        release.SetResult();
        Assert.Equal("second", await new StreamReader(body).ReadToEndAsync());
    }

    private static async Task<string> ReadUntil(Stream stream, string marker)
    {
        var sb = new StringBuilder();
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!sb.ToString().Contains(marker))
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            if (n == 0) break;
            sb.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        return sb.ToString();
    }

    private static async Task<RawUpstream> StartUpstream(HttpProtocols protocols, RequestDelegate handler, bool websockets = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = protocols));
        var app = builder.Build();
        if (websockets) app.UseWebSockets();
        app.Run(handler);
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        return new RawUpstream(app, port);
    }

    private sealed record RawUpstream(WebApplication App, int Port) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
