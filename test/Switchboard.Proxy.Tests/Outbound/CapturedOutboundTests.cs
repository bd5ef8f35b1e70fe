using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Switchboard.Config.Loading;
using Switchboard.Config.Source;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Translate;

namespace Switchboard.Proxy.Tests.Outbound;

/// <summary>
/// Captured outbound connections on loopback (<see cref="LoopbackCapture"/> supplies the original destination): protocol
/// by the port's declaration or by sniffing, opaque TCP and TLS by VIP or SNI, and unknown destinations passed through
/// (ALLOW_ANY) or refused (REGISTRY_ONLY), with real servers behind, real TLS clients, the access log and the metrics.
/// </summary>
public sealed class CapturedOutboundTests
{
    private readonly LoopbackCapture _capture = new();

    [Fact]
    public async Task Plain_http_to_an_undeclared_port_is_sniffed_and_logged_as_an_http_request()
    {
        await using var upstream = await TestUpstream.StartAsync("outside");
        await using var proxy = await StartAsync(Translate(""));
        using var client = await _capture.ConnectAsync(proxy.OutboundPort, new IPEndPoint(IPAddress.Loopback, upstream.Port));
        var response = await ExchangeAsync(client.GetStream(), "GET /sniffed HTTP/1.1\r\nHost: outside.example\r\nConnection: close\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.Contains("\r\noutside\r\n", response, StringComparison.Ordinal);
        // The HTTP pipeline served it: an HTTP access-log line, through PassthroughCluster, and a request id added upstream.
        Assert.Matches($"\"GET /sniffed HTTP/1.1\" 200 - .*\"127.0.0.1:{upstream.Port}\" PassthroughCluster", proxy.AccessLog.ToString());
        Assert.True(upstream.Last!.Headers.ContainsKey("x-request-id"));
    }

    [Fact]
    public async Task A_port_declared_http_goes_to_the_http_pipeline_whose_route_table_is_the_dialled_port()
    {
        await using var web = await TestUpstream.StartAsync("web");
        var config = Translate($$$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: web, namespace: default}
            spec:
              hosts: [web.internal]
              addresses: [198.19.0.30]
              ports: [{number: 8080, name: http, protocol: HTTP}]
              location: MESH_INTERNAL
              resolution: STATIC
              endpoints: [{address: 127.0.0.1, ports: {http: {{{web.Port}}}}}]
            """);
        await using var proxy = await StartAsync(config, TimeSpan.FromSeconds(30));
        using var client = await _capture.ConnectAsync(proxy.OutboundPort, new IPEndPoint(IPAddress.Parse("198.19.0.30"), 8080));
        // No port in Host (as an app that builds it by hand might send): the dialled port, 8080, picks the route table.
        var response = await ExchangeAsync(client.GetStream(), "GET /declared HTTP/1.1\r\nHost: web.internal\r\nConnection: close\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        // The downstream local address is where the app was going (the VIP and port), as Envoy logs it, not the listener.
        Assert.Matches($"\"GET /declared HTTP/1.1\" 200 .*\"127.0.0.1:{web.Port}\" outbound\\|8080\\|\\|web.internal - 198.19.0.30:8080 ", proxy.AccessLog.ToString());
    }

    [Fact]
    public async Task Tls_from_the_app_to_an_unknown_destination_passes_through_with_its_sni_logged()
    {
        await using var server = await TestUpstream.StartAsync("tls-outside", SelfSigned("external.example.com"), requireClientCertificate: false);
        await using var proxy = await StartAsync(Translate(""));
        using var client = await _capture.ConnectAsync(proxy.OutboundPort, new IPEndPoint(IPAddress.Loopback, server.Port));
        var response = await HttpsExchangeAsync(client, "external.example.com");
        Assert.Contains("\r\ntls-outside\r\n", response, StringComparison.Ordinal);
        var line = await LogLineAsync(proxy, "PassthroughCluster");
        Assert.Matches($"\"- - -\" 0 - - - \"-\" [1-9][0-9]* [1-9][0-9]* [0-9]+ - .*\"127.0.0.1:{server.Port}\" PassthroughCluster - 127.0.0.1:{server.Port} 127.0.0.1:[0-9]+ external.example.com -", line);
        var metrics = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.MetricsPort}/stats/prometheus");
        Assert.Matches("istio_tcp_connections_opened_total\\{reporter=\"source\"[^}]*destination_service=\"unknown\",destination_service_name=\"PassthroughCluster\"[^}]*request_protocol=\"tcp\",response_flags=\"-\"[^}]*\\} 1", metrics);
    }

    [Fact]
    public async Task Registry_only_closes_tls_and_tcp_to_an_unknown_destination_without_dialling_it()
    {
        using var banner = new BannerServer("220 nobody should see this\r\n");
        await using var server = await TestUpstream.StartAsync("tls-outside", SelfSigned("external.example.com"), requireClientCertificate: false);
        await using var proxy = await StartAsync(Translate("", ProxyConfig.RegistryOnly));
        using (var client = await _capture.ConnectAsync(proxy.OutboundPort, new IPEndPoint(IPAddress.Loopback, server.Port)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => HttpsExchangeAsync(client, "external.example.com"));
        }
        using (var client = await _capture.ConnectAsync(proxy.OutboundPort, banner.Endpoint))
        {
            Assert.Equal("", await ReadAllAsync(client.GetStream()));
        }
        Assert.Equal(0, banner.Accepted);
        Assert.Equal(0, server.Requests);
        Assert.Contains(" external.example.com -", await LogLineAsync(proxy, $"BlackHoleCluster - 127.0.0.1:{server.Port}"));
        Assert.Matches("\"- - -\" 0 UH .*BlackHoleCluster", await LogLineAsync(proxy, $"BlackHoleCluster - 127.0.0.1:{banner.Port}"));
        var metrics = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.MetricsPort}/stats/prometheus");
        Assert.Matches("istio_tcp_connections_closed_total\\{[^}]*destination_service_name=\"BlackHoleCluster\"[^}]*response_flags=\"UH\"[^}]*\\} 2", metrics);
    }

    [Fact]
    public async Task Tls_naming_a_service_entry_host_by_sni_is_routed_by_it_and_its_tls_routes_under_registry_only()
    {
        await using var api = await TestUpstream.StartAsync("partner-api", SelfSigned("api.partner.example"), requireClientCertificate: false);
        await using var beta = await TestUpstream.StartAsync("partner-beta", SelfSigned("beta.partner.example"), requireClientCertificate: false);
        var config = Translate($$$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: partner, namespace: default}
            spec:
              hosts: [api.partner.example, beta.partner.example]
              ports: [{number: 443, name: tls, protocol: TLS}]
              resolution: STATIC
              endpoints: [{address: 127.0.0.1, ports: {tls: {{{api.Port}}}}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: partner-beta, namespace: default}
            spec:
              hosts: [beta-backend.partner.example]
              ports: [{number: 443, name: tls, protocol: TLS}]
              resolution: STATIC
              endpoints: [{address: 127.0.0.1, ports: {tls: {{{beta.Port}}}}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: partner-beta, namespace: default}
            spec:
              hosts: [beta.partner.example]
              tls:
              - match: [{sniHosts: [beta.partner.example], port: 443}]
                route: [{destination: {host: beta-backend.partner.example}}]
            """, ProxyConfig.RegistryOnly);
        await using var proxy = await StartAsync(config);
        // The address the app dialled is nobody the mesh knows (DNS gave it some public IP): the SNI decides.
        var dialled = new IPEndPoint(IPAddress.Parse("198.18.246.77"), 443);
        using (var client = await _capture.ConnectAsync(proxy.OutboundPort, dialled))
            Assert.Contains("\r\npartner-api\r\n", await HttpsExchangeAsync(client, "api.partner.example"), StringComparison.Ordinal);
        using (var client = await _capture.ConnectAsync(proxy.OutboundPort, dialled))
            Assert.Contains("\r\npartner-beta\r\n", await HttpsExchangeAsync(client, "beta.partner.example"), StringComparison.Ordinal);
        using (var client = await _capture.ConnectAsync(proxy.OutboundPort, dialled))
            await Assert.ThrowsAnyAsync<Exception>(() => HttpsExchangeAsync(client, "unlisted.example.com"));
        Assert.Contains($"\"127.0.0.1:{api.Port}\" outbound|443||api.partner.example - 198.18.246.77:443", await LogLineAsync(proxy, " api.partner.example -"));
        Assert.Contains("outbound|443||beta-backend.partner.example", await LogLineAsync(proxy, " beta.partner.example -"));
        Assert.Contains("BlackHoleCluster", await LogLineAsync(proxy, " unlisted.example.com -"));
    }

    [Fact]
    public async Task A_server_first_protocol_on_3306_is_never_sniffed()
    {
        using var mysql = new BannerServer("5.7.0-mysql-banner\n");
        var config = Translate($$$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: mysql, namespace: default}
            spec:
              hosts: [mysql.internal]
              addresses: [198.19.0.9]
              ports: [{number: 3306, name: db}]
              location: MESH_INTERNAL
              resolution: STATIC
              endpoints: [{address: 127.0.0.1, ports: {db: {{{mysql.Port}}}}}]
            """);
        // A detection timeout far longer than the test waits: the banner can only arrive if nothing waited for the client.
        await using var proxy = await StartAsync(config, TimeSpan.FromSeconds(30));
        using var client = await _capture.ConnectAsync(proxy.OutboundPort, new IPEndPoint(IPAddress.Parse("198.19.0.9"), 3306));
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        Assert.Equal("5.7.0-mysql-banner\n", await ReadExactlyAsync(stream, "5.7.0-mysql-banner\n".Length));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"banner took {clock.Elapsed}");
        Assert.Equal("SELECT 1;\n", await ExchangeExactlyAsync(stream, "SELECT 1;\n"));
        client.Client.Shutdown(SocketShutdown.Send);
        Assert.Equal("", await ReadAllAsync(stream));
        Assert.Contains($"\"127.0.0.1:{mysql.Port}\" outbound|3306||mysql.internal - 198.19.0.9:3306", await LogLineAsync(proxy, "outbound|3306||mysql.internal"));
    }

    [Fact]
    public async Task A_client_silent_or_undecided_on_an_undeclared_port_gets_tcp_after_the_detection_timeout()
    {
        using var banner = new BannerServer("hello from the server\n");
        var timeout = TimeSpan.FromMilliseconds(300);
        await using var proxy = await StartAsync(Translate(""), timeout);
        // Silent: the server speaks first once detection gives up.
        using (var client = await _capture.ConnectAsync(proxy.OutboundPort, banner.Endpoint))
        {
            var clock = Stopwatch.StartNew();
            Assert.Equal("hello from the server\n", await ReadExactlyAsync(client.GetStream(), "hello from the server\n".Length));
            Assert.True(clock.Elapsed >= timeout - TimeSpan.FromMilliseconds(50), $"answered after {clock.Elapsed}, before detection could have given up");
        }
        // Undecided (could still become an HTTP request line): the bytes already sent are forwarded when detection gives up, not held back.
        using (var client = await _capture.ConnectAsync(proxy.OutboundPort, banner.Endpoint))
        {
            var stream = client.GetStream();
            await stream.WriteAsync("HELLO"u8.ToArray());
            Assert.Equal("hello from the server\nHELLO", await ReadExactlyAsync(stream, "hello from the server\nHELLO".Length));
        }
        // One TCP line each, written as each connection ends.
        Assert.True(await Wait.Until(() => Task.FromResult(Regex.Count(proxy.AccessLog.ToString(), $"PassthroughCluster - 127.0.0.1:{banner.Port}") == 2), seconds: 10),
            proxy.AccessLog.ToString());
    }

    [Fact]
    public async Task A_port_declared_tcp_is_never_sniffed_even_when_its_bytes_look_like_http()
    {
        using var echo = new BannerServer("");
        var config = Translate($$$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: ledger, namespace: default}
            spec:
              hosts: [ledger.internal]
              addresses: [198.19.0.10]
              ports: [{number: 7000, name: ledger, protocol: TCP}]
              location: MESH_INTERNAL
              resolution: STATIC
              endpoints: [{address: 127.0.0.1, ports: {ledger: {{{echo.Port}}}}}]
            """);
        await using var proxy = await StartAsync(config);
        using var client = await _capture.ConnectAsync(proxy.OutboundPort, new IPEndPoint(IPAddress.Parse("198.19.0.10"), 7000));
        const string request = "GET / HTTP/1.1\r\nHost: ledger.internal\r\n\r\n";
        // The HTTP pipeline would have answered with a response; opaque TCP hands back exactly what the echo server got.
        Assert.Equal(request, await ExchangeExactlyAsync(client.GetStream(), request));
        client.Close();
        var line = await LogLineAsync(proxy, "outbound|7000||ledger.internal");
        Assert.Contains("\"- - -\" 0 - ", line);
        var metrics = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.MetricsPort}/stats/prometheus");
        Assert.Matches("istio_tcp_received_bytes_total\\{[^}]*destination_service=\"ledger.internal\"[^}]*\\} " + request.Length, metrics);
    }

    [Fact]
    public async Task Http2_with_prior_knowledge_to_an_unknown_destination_passes_through_as_http2()
    {
        // A gRPC-style server: HTTP/2 only, in clear text.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        await using var server = builder.Build();
        server.Run(context => context.Response.WriteAsync($"h2 server saw {context.Request.Protocol}"));
        await server.StartAsync();
        var port = new Uri(server.Urls.Single()).Port;
        await using var proxy = await StartAsync(Translate(""));
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, _) => (await _capture.ConnectAsync(proxy.OutboundPort, new IPEndPoint(IPAddress.Loopback, port))).GetStream(),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/h2") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("h2 server saw HTTP/2", await response.Content.ReadAsStringAsync());
        Assert.Matches($"\"GET /h2 HTTP/2\" 200 .*PassthroughCluster", proxy.AccessLog.ToString());
    }

    [Fact]
    public async Task A_tls_port_reached_by_its_vip_follows_its_tls_routes_by_sni()
    {
        await using var stable = await TestUpstream.StartAsync("storefront", SelfSigned("storefront.internal"), requireClientCertificate: false);
        await using var beta = await TestUpstream.StartAsync("storefront-beta", SelfSigned("beta.storefront.internal"), requireClientCertificate: false);
        var config = Translate($$$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: storefront, namespace: default}
            spec:
              hosts: [storefront.internal]
              addresses: [198.19.0.20]
              ports: [{number: 443, name: tls, protocol: TLS}]
              location: MESH_INTERNAL
              resolution: STATIC
              endpoints: [{address: 127.0.0.1, ports: {tls: {{{stable.Port}}}}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: storefront-beta, namespace: default}
            spec:
              hosts: [storefront-beta.internal]
              ports: [{number: 443, name: tls, protocol: TLS}]
              location: MESH_INTERNAL
              resolution: STATIC
              endpoints: [{address: 127.0.0.1, ports: {tls: {{{beta.Port}}}}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: storefront, namespace: default}
            spec:
              hosts: [storefront.internal, beta.storefront.internal]
              tls:
              - match: [{sniHosts: [beta.storefront.internal]}]
                route: [{destination: {host: storefront-beta.internal}}]
            """);
        await using var proxy = await StartAsync(config);
        var vip = new IPEndPoint(IPAddress.Parse("198.19.0.20"), 443);
        using (var client = await _capture.ConnectAsync(proxy.OutboundPort, vip))
            Assert.Contains("\r\nstorefront-beta\r\n", await HttpsExchangeAsync(client, "beta.storefront.internal"), StringComparison.Ordinal);
        using (var client = await _capture.ConnectAsync(proxy.OutboundPort, vip))
            Assert.Contains("\r\nstorefront\r\n", await HttpsExchangeAsync(client, "storefront.internal"), StringComparison.Ordinal);
        Assert.Contains("outbound|443||storefront-beta.internal - 198.19.0.20:443", await LogLineAsync(proxy, " beta.storefront.internal -"));
    }

    [Fact]
    public async Task Tcp_lines_follow_the_json_access_log_encoding()
    {
        using var banner = new BannerServer("hi\n");
        await using var proxy = await ProxyUnderTest.StartAsync(Translate(""), encoding: Proxy.Telemetry.AccessLogEncoding.Json, originalDestination: _capture.Read,
            detectionTimeout: TimeSpan.FromMilliseconds(50));
        using (var client = await _capture.ConnectAsync(proxy.OutboundPort, banner.Endpoint))
        {
            var stream = client.GetStream();
            Assert.Equal("hi\n", await ReadExactlyAsync(stream, 3));
            Assert.Equal("ping", await ExchangeExactlyAsync(stream, "ping"));
        }
        using var line = System.Text.Json.JsonDocument.Parse(await LogLineAsync(proxy, "PassthroughCluster"));
        var root = line.RootElement;
        Assert.Equal("PassthroughCluster", root.GetProperty("upstream_cluster").GetString());
        Assert.Equal($"127.0.0.1:{banner.Port}", root.GetProperty("downstream_local_address").GetString());
        Assert.Equal(4, root.GetProperty("bytes_received").GetInt64());
        Assert.Equal(7, root.GetProperty("bytes_sent").GetInt64());
    }

    private Task<ProxyUnderTest> StartAsync(ProxyConfig config, TimeSpan? detectionTimeout = null) =>
        ProxyUnderTest.StartAsync(config, originalDestination: _capture.Read, detectionTimeout: detectionTimeout);

    /// <summary>The mesh in <paramref name="yaml"/> (real loader and translation) for a proxy in namespace default.</summary>
    internal static ProxyConfig Translate(string yaml, string policy = ProxyConfig.AllowAny)
    {
        var loaded = new ConfigLoader().LoadText(yaml, "mesh.yaml");
        var errors = loaded.Problems.Where(p => p.Kind is ProblemKind.Schema or ProblemKind.Unparseable).Select(p => p.Message).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var config = Translator.Translate(MeshSnapshot.From(loaded.Resources), new ProxyNode { Namespace = "default", Workload = "app" });
        return config with { OutboundTrafficPolicy = policy };
    }

    /// <summary>An HTTPS GET over the captured connection, as curl https://NAME/ would do it (any server certificate accepted).</summary>
    private static async Task<string> HttpsExchangeAsync(TcpClient client, string serverName)
    {
        await using var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: true, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = serverName }).WaitAsync(TimeSpan.FromSeconds(10));
        return await ExchangeAsync(ssl, $"GET / HTTP/1.1\r\nHost: {serverName}\r\nConnection: close\r\n\r\n");
    }

    private static async Task<string> ExchangeAsync(Stream stream, string request)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        return await ReadAllAsync(stream);
    }

    private static async Task<string> ExchangeExactlyAsync(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
        return await ReadExactlyAsync(stream, text.Length);
    }

    private static async Task<string> ReadAllAsync(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task<string> ReadExactlyAsync(Stream stream, int length)
    {
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return Encoding.ASCII.GetString(buffer);
    }

    /// <summary>The access-log line containing <paramref name="text"/>; TCP lines are written when the connection ends, so it may take a moment.</summary>
    private static async Task<string> LogLineAsync(ProxyUnderTest proxy, string text)
    {
        string? line = null;
        await Wait.Until(() => Task.FromResult((line = proxy.AccessLog.ToString().Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal))) is not null), seconds: 10);
        return line ?? throw new Xunit.Sdk.XunitException($"no access-log line with '{text}' in:\n{proxy.AccessLog}");
    }

    /// <summary>A self-signed server certificate for <paramref name="dns"/>, in the exportable form Kestrel wants.</summary>
    private static X509Certificate2 SelfSigned(string dns)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dns}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dns);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
