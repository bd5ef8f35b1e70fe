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
    public async Task Connect_to_a_tcp_service_splits_connections_by_route_weight()
    {
        using var primary = new NamedTcpServer("primary");
        using var replica = new NamedTcpServer("replica");
        const string host = "ledger-db.production.svc.cluster.local";
        var config = new Translation.ProxyConfig.ProxyConfig
        {
            Node = new Translation.ProxyConfig.ProxyNode { Namespace = "production", Workload = "checkout" },
            TcpServices =
            [
                new Translation.ProxyConfig.TcpService
                {
                    Name = $"{host}:5432",
                    Port = 5432,
                    Domains = [$"{host}:5432", "ledger-db.production:5432"],
                    Routes =
                    [
                        new Translation.ProxyConfig.L4Route
                        {
                            Clusters =
                            [
                                new Translation.ProxyConfig.WeightedCluster { Cluster = $"outbound|5432|primary|{host}", Weight = 80 },
                                new Translation.ProxyConfig.WeightedCluster { Cluster = $"outbound|5432|replica|{host}", Weight = 20 },
                            ],
                        },
                    ],
                },
            ],
            Clusters =
            [
                new Translation.ProxyConfig.Cluster { Name = $"outbound|5432|primary|{host}", Host = host, Port = 5432, Subset = "primary", Protocol = "tcp" },
                new Translation.ProxyConfig.Cluster { Name = $"outbound|5432|replica|{host}", Host = host, Port = 5432, Subset = "replica", Protocol = "tcp" },
            ],
            Endpoints =
            [
                new Translation.ProxyConfig.ClusterEndpoints { Cluster = $"outbound|5432|primary|{host}", Endpoints = [new() { Address = "127.0.0.1", Port = primary.Port }] },
                new Translation.ProxyConfig.ClusterEndpoints { Cluster = $"outbound|5432|replica|{host}", Endpoints = [new() { Address = "127.0.0.1", Port = replica.Port }] },
            ],
        };
        await using var proxy = await ProxyUnderTest.StartAsync(config);
        var seen = new Dictionary<string, int> { ["primary"] = 0, ["replica"] = 0 };
        for (var i = 0; i < 200; i++)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, proxy.OutboundPort);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("CONNECT ledger-db.production:5432 HTTP/1.1\r\nHost: ledger-db.production:5432\r\n\r\n"));
            var reply = await ReadUntil(stream, "\n#");
            var name = reply.Contains("primary") ? "primary" : reply.Contains("replica") ? "replica" : throw new InvalidOperationException(reply + proxy.AccessLog);
            seen[name]++;
        }
        // Expected 40 replica connections; sd = sqrt(200 * 0.2 * 0.8) ≈ 5.7: allow ±4 sd.
        Assert.InRange(seen["replica"], 40 - 23, 40 + 23);
    }

    /// <summary>A TCP server that greets each connection with its name and closes it.</summary>
    private sealed class NamedTcpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public NamedTcpServer(string name)
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var peer = await _listener.AcceptTcpClientAsync(_stop.Token);
                    await peer.GetStream().WriteAsync(Encoding.ASCII.GetBytes(name + "\n#"));
                }
            });
        }

        public int Port { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
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

    /// <summary>
    /// A client that dials the proxy for any name, as captured traffic does: the request keeps its own
    /// authority (<c>reviews.default:8080</c>) while the socket goes to the proxy's outbound port.
    /// </summary>
    private static HttpClient CapturedClient(ProxyUnderTest proxy) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, token) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, proxy.OutboundPort, token);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    [Fact]
    public async Task Http2_prior_knowledge_callers_are_served()
    {
        await using var upstream = await StartUpstream(HttpProtocols.Http1, context => context.Response.WriteAsync("via " + context.Request.Host));
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { upstream.Port }, null)]));
        using var client = CapturedClient(proxy);
        var response = await client.GetAsync($"{Configs.Url}/h2");
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("via reviews.default:8080", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Grpc_call_with_trailers_passes_through_end_to_end_over_http2()
    {
        // A unary gRPC exchange on the wire: length-prefixed messages, application/grpc, status in trailers.
        await using var upstream = await StartUpstream(HttpProtocols.Http2, async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var request = body.ToArray();
            var name = Encoding.UTF8.GetString(request, 5, request.Length - 5);
            var reply = Encoding.UTF8.GetBytes("hello " + name);
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(GrpcFrame(reply));
            context.Response.AppendTrailer("grpc-status", "0");
            context.Response.AppendTrailer("grpc-message", "ok");
        });
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { upstream.Port }, c => c with { Protocol = "grpc" })]));
        using var client = CapturedClient(proxy);
        var call = new HttpRequestMessage(HttpMethod.Post, $"{Configs.Url}/greet.Greeter/SayHello")
        {
            Content = new ByteArrayContent(GrpcFrame(Encoding.UTF8.GetBytes("mesh"))),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        call.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        call.Headers.TE.ParseAdd("trailers");
        var response = await client.SendAsync(call);
        var payload = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("hello mesh", Encoding.UTF8.GetString(payload, 5, payload.Length - 5));
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
        Assert.Contains("request_protocol=\"grpc\"", await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.MetricsPort}/stats/prometheus"));
    }

    private static byte[] GrpcFrame(byte[] message)
    {
        var frame = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), message.Length);
        message.CopyTo(frame, 5);
        return frame;
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
