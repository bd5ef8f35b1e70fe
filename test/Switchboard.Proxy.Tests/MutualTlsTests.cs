using System.Security.Cryptography.X509Certificates;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Switchboard.Proxy.Tests;

/// <summary>
/// Mutual TLS between two real proxies programmed by a real control plane, each with a SPIFFE certificate from the
/// mesh CA (key made in the proxy, bootstrap token for the identity): the server proxy stands in for the pod address
/// 127.0.0.2 and forwards to its app on 127.0.0.1; real curl and openssl play the callers without a sidecar.
/// </summary>
public sealed class MutualTlsTests : IAsyncLifetime
{
    private readonly MeshHarness _mesh = new("sb-mtls-");
    private TestUpstream _app = null!;

    private string PodAddress => $"127.0.0.2:{_app.Port}";

    public async Task InitializeAsync()
    {
        _app = await TestUpstream.StartAsync("backend");
        await _mesh.StartControlPlaneAsync();
        Assert.True(_mesh.Store.Apply(Mesh("STRICT"), "mesh.yaml").Accepted);
    }

    public async Task DisposeAsync()
    {
        await _mesh.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Strict_mesh_traffic_is_mutual_TLS_and_callers_without_a_certificate_are_refused()
    {
        await StartServerAsync();
        var web = await _mesh.StartProxyAsync("shop", "web-0", "web-sa");
        const string url = "http://backend.shop:8080/hello";
        Assert.True(await Wait.Until(async () => (await web.Proxy.Client.GetAsync(url)).IsSuccessStatusCode), "mesh traffic never flowed: " + web.Proxy.AccessLog);

        // The app learns the caller's verified identity; a header claiming another one does not survive.
        using (var forged = new HttpRequestMessage(HttpMethod.Get, url))
        {
            forged.Headers.Add("x-forwarded-client-cert", "URI=spiffe://cluster.local/ns/shop/sa/admin");
            Assert.Equal(HttpStatusCode.OK, (await web.Proxy.Client.SendAsync(forged)).StatusCode);
        }
        var xfcc = _app.Last!.Headers["x-forwarded-client-cert"];
        Assert.Contains("URI=spiffe://cluster.local/ns/shop/sa/web-sa", xfcc);
        Assert.Contains("By=spiffe://cluster.local/ns/shop/sa/backend-sa", xfcc);
        Assert.DoesNotContain("sa/admin", xfcc);

        // STRICT: plain text from curl is cut off; TLS without a client certificate gets no answer; with one, it does.
        var curl = await Run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", $"http://{PodAddress}/");
        Assert.NotEqual(0, curl.ExitCode);
        Assert.DoesNotContain("200", curl.Output);
        Assert.DoesNotContain("HTTP/1.1 200", (await OpenSsl(clientCertificate: null)).Output);
        var (certFile, keyFile) = await _mesh.IssueFilesAsync("shop", "tester-0", "tester-sa");
        Assert.Contains("HTTP/1.1 200", (await OpenSsl((certFile, keyFile))).Output);
        // HTTP/2 over mTLS (what gRPC callers and sidecars negotiate) is served too.
        var h2 = await Run("curl", "-sk", "--http2", "--max-time", "5", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", "--cert", certFile, "--key", keyFile, $"https://{PodAddress}/");
        Assert.Equal("2 200", h2.Output);

        // The issued certificate, as openssl reads it: one SPIFFE URI SAN, 24 h (plus the 2 minutes it is backdated).
        var text = (await Run("openssl", "x509", "-in", certFile, "-noout", "-text")).Output;
        Assert.Contains("URI:spiffe://cluster.local/ns/shop/sa/tester-sa", text);
        Assert.Contains("CA:FALSE", text);
        using (var issued = X509Certificate2.CreateFromPem(File.ReadAllText(certFile)))
            Assert.Equal(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(2), issued.NotAfter - issued.NotBefore);

        // What sbctl shows about the proxy's certificate.
        var secret = new StringWriter();
        Assert.Equal(0, Switchboard.Cli.SbctlApp.Run(["proxy-config", "secret", "shop/web-0", "--controlplane", _mesh.Http], secret, new StringWriter()));
        Assert.Matches("default +Cert Chain +ACTIVE +true", secret.ToString());
        Assert.Contains("spiffe://cluster.local/ns/shop/sa/web-sa", secret.ToString());
        Assert.Contains("ROOTCA", secret.ToString());
    }

    [Fact]
    public async Task Grpc_ports_speak_h2_over_mutual_TLS_end_to_end()
    {
        // An HTTP/2-only app (as a gRPC server is) behind its own sidecar at 127.0.0.4, on a port named grpc.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        await using var app = builder.Build();
        app.Run(c => c.Response.WriteAsync($"{c.Request.Protocol} {c.Request.Headers["x-forwarded-client-cert"]}"));
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        Assert.True(_mesh.Store.Apply(GrpcService(port), "grpc.yaml").Accepted);
        await _mesh.StartProxyAsync("shop", "greeter-0", "greeter-sa", inbound: [new IPEndPoint(IPAddress.Parse("127.0.0.4"), port)]);
        var web = await _mesh.StartProxyAsync("shop", "web-0", "web-sa");
        string? answer = null;
        Assert.True(await Wait.Until(async () =>
        {
            var response = await web.Proxy.Client.GetAsync("http://greeter.shop:9090/");
            answer = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode;
        }), "no answer from the HTTP/2 app: " + web.Proxy.AccessLog);
        Assert.StartsWith("HTTP/2 ", answer);
        Assert.Contains("URI=spiffe://cluster.local/ns/shop/sa/web-sa", answer);
    }

    private static string GrpcService(int port) => $$"""
        apiVersion: v1
        kind: Service
        metadata: { name: greeter, namespace: shop }
        spec: { selector: { app: greeter }, ports: [{ name: grpc, port: 9090, targetPort: {{port}} }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: greeter-0, namespace: shop, labels: { app: greeter } }
        spec: { serviceAccountName: greeter-sa, containers: [{ name: app, image: greeter, ports: [{ containerPort: {{port}} }] }] }
        status: { podIP: 127.0.0.4 }
        """;

    [Fact]
    public async Task Permissive_takes_plain_text_and_mutual_TLS_on_the_same_port()
    {
        Assert.True(_mesh.Store.Apply(Mesh("PERMISSIVE"), "mesh.yaml").Accepted);
        await StartServerAsync();
        var web = await _mesh.StartProxyAsync("shop", "web-0", "web-sa");
        Assert.True(await Wait.Until(async () => (await web.Proxy.Client.GetAsync("http://backend.shop:8080/")).IsSuccessStatusCode), "mesh traffic never flowed");
        Assert.Contains("URI=spiffe://cluster.local/ns/shop/sa/web-sa", _app.Last!.Headers["x-forwarded-client-cert"]);
        var curl = await Run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "-H", "x-forwarded-client-cert: URI=spiffe://evil", $"http://{PodAddress}/");
        Assert.Equal("200", curl.Output);
        Assert.False(_app.Last!.Headers.ContainsKey("x-forwarded-client-cert"), "a plain-text caller's identity header reached the app");
    }

    [Fact]
    public async Task Certificates_rotate_and_a_control_plane_outage_fail_no_request()
    {
        await StartServerAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var web = await _mesh.StartProxyAsync("shop", "web-0", "web-sa", clock);
        const string url = "http://backend.shop:8080/";
        Assert.True(await Wait.Until(async () => (await web.Proxy.Client.GetAsync(url)).IsSuccessStatusCode), "mesh traffic never flowed");
        var failures = 0;
        using var load = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                if (!(await web.Proxy.Client.GetAsync(url, CancellationToken.None)).IsSuccessStatusCode) Interlocked.Increment(ref failures);
            }
        });

        // Half-life passes: a new certificate (new key, new serial), installed under load.
        var first = web.Rotator.Current;
        clock.Advance(first.RenewAt - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        Assert.True(await Wait.Until(() => Task.FromResult(!ReferenceEquals(web.Rotator.Current, first))), "the certificate was not renewed");
        Assert.NotEqual(first.Certificate.SerialNumber, web.Rotator.Current.Certificate.SerialNumber);
        await Task.Delay(300);

        // The control plane goes away for longer than a renewal interval: renewals fail, the old certificate serves.
        await _mesh.StopControlPlaneAsync();
        var second = web.Rotator.Current;
        clock.Advance(TimeSpan.FromHours(6));
        for (var i = 0; i < 20; i++) clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.Same(second, web.Rotator.Current);
        await load.CancelAsync();
        await traffic;
        Assert.Equal(0, failures);
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await web.Proxy.Client.GetAsync(url)).StatusCode);
    }

    private const string MeshTemplate = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: shop, labels: { istio-injection: enabled } }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: backend, namespace: shop }
        spec: { selector: { app: backend }, ports: [{ name: http, port: 8080, targetPort: APP_PORT }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: backend-0, namespace: shop, labels: { app: backend } }
        spec: { serviceAccountName: backend-sa, containers: [{ name: app, image: backend, ports: [{ containerPort: APP_PORT }] }] }
        status: { podIP: 127.0.0.2 }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: web-0, namespace: shop, labels: { app: web } }
        spec: { serviceAccountName: web-sa, containers: [{ name: app, image: web }] }
        status: { podIP: 127.0.0.3 }
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: { name: default, namespace: shop }
        spec: { mtls: { mode: MODE } }
        """;

    private string Mesh(string mode) => MeshTemplate.Replace("APP_PORT", _app.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("MODE", mode, StringComparison.Ordinal);

    private Task<MeshProxy> StartServerAsync() => _mesh.StartProxyAsync("shop", "backend-0", "backend-sa", inbound: [IPEndPoint.Parse(PodAddress)]);

    [Fact]
    public async Task A_plugged_in_root_is_rotated_in_four_steps_with_traffic_after_each()
    {
        var ca = Path.Combine(_mesh.Directory, "ca");
        Directory.CreateDirectory(ca);
        await MakeRootAndIntermediateAsync(ca, "a");
        await MakeRootAndIntermediateAsync(ca, "b");
        async Task Step(string signer, string roots)
        {
            File.Copy(Path.Combine(ca, $"{signer}-int.pem"), Path.Combine(ca, "ca-cert.pem"), overwrite: true);
            File.Copy(Path.Combine(ca, $"{signer}-int.key"), Path.Combine(ca, "ca-key.pem"), overwrite: true);
            await File.WriteAllTextAsync(Path.Combine(ca, "cert-chain.pem"), await File.ReadAllTextAsync(Path.Combine(ca, $"{signer}-int.pem")) + await File.ReadAllTextAsync(Path.Combine(ca, $"{signer}-root.pem")));
            await File.WriteAllTextAsync(Path.Combine(ca, "root-cert.pem"), string.Concat(roots.Split(',').Select(r => File.ReadAllText(Path.Combine(ca, $"{r}-root.pem")))));
            // What the runtime hands the proxies as the bundle to trust the control plane with (Istio's istio-ca-root-cert).
            _mesh.ProxyRoots = Path.Combine(ca, "root-cert.pem");
            await _mesh.StopControlPlaneAsync();
            await _mesh.StartControlPlaneAsync(ca);
        }
        async Task Traffic(MeshProxy client, string when)
        {
            for (var i = 0; i < 5; i++)
                Assert.True(await Wait.Until(async () => (await client.Proxy.Client.GetAsync("http://backend.shop:8080/")).IsSuccessStatusCode, seconds: 10), $"no traffic {when}: {client.Proxy.AccessLog}");
        }

        // 1. old root A signs (through intermediate A).
        await Step("a", "a");
        var server = await StartServerAsync();
        var client = await _mesh.StartProxyAsync("shop", "web-0", "web-sa");
        await Traffic(client, "with root A");
        Assert.Contains("Intermediate a", client.Rotator.Current.Certificate.Issuer);

        // 2. both roots trusted, A still signs; workloads restart onto the two-root bundle.
        await Step("a", "a,b");
        server = await _mesh.RestartProxyAsync(server, StartServerAsync);
        await Traffic(client, "after the server took the A+B bundle");
        client = await _mesh.RestartProxyAsync(client, () => _mesh.StartProxyAsync("shop", "web-0", "web-sa"));
        await Traffic(client, "with both on A+B");
        Assert.Equal(2, client.Rotator.Current.Roots.Count);

        // 3. the new intermediate (under B) signs; a server on B talks with a client still on A, and back.
        await Step("b", "a,b");
        server = await _mesh.RestartProxyAsync(server, StartServerAsync);
        Assert.Contains("Intermediate b", server.Rotator.Current.Certificate.Issuer);
        await Traffic(client, "with the server on B and the client on A");
        client = await _mesh.RestartProxyAsync(client, () => _mesh.StartProxyAsync("shop", "web-0", "web-sa"));
        await Traffic(client, "with both on B");

        // 4. only the new root is trusted.
        await Step("b", "b");
        server = await _mesh.RestartProxyAsync(server, StartServerAsync);
        await Traffic(client, "with the server on root B only");
        client = await _mesh.RestartProxyAsync(client, () => _mesh.StartProxyAsync("shop", "web-0", "web-sa"));
        await Traffic(client, "with root B only");
        Assert.Single(client.Rotator.Current.Roots);
    }

    /// <summary>An EC root and an intermediate under it, made by openssl as an operator would for Istio's plug-in CA.</summary>
    private static async Task MakeRootAndIntermediateAsync(string dir, string name)
    {
        var ext = Path.Combine(dir, "ca.ext");
        await File.WriteAllTextAsync(ext, "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        string P(string file) => Path.Combine(dir, $"{name}-{file}");
        foreach (var args in new[]
        {
            new[] { "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", P("root.key") },
            ["req", "-x509", "-new", "-key", P("root.key"), "-subj", $"/O=cluster.local/CN=Root {name}", "-days", "3650", "-out", P("root.pem"),
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", P("int.key")],
            ["req", "-new", "-key", P("int.key"), "-subj", $"/O=cluster.local/CN=Intermediate {name}", "-out", P("int.csr")],
            ["x509", "-req", "-in", P("int.csr"), "-CA", P("root.pem"), "-CAkey", P("root.key"), "-CAcreateserial", "-days", "365", "-out", P("int.pem"), "-extfile", ext],
        })
        {
            var result = await Run("openssl", args);
            Assert.True(result.ExitCode == 0, $"openssl {string.Join(' ', args)}: {result.Output}");
        }
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException();
        File.SetUnixFileMode(P("int.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>An HTTP request over TLS to the pod address with openssl s_client, with or without a client certificate.</summary>
    private Task<(int ExitCode, string Output)> OpenSsl((string Cert, string Key)? clientCertificate)
    {
        var args = new List<string> { "s_client", "-connect", PodAddress, "-quiet", "-CAfile", _mesh.RootFile };
        if (clientCertificate is { } c) args.AddRange(["-cert", c.Cert, "-key", c.Key]);
        return MeshHarness.Run("openssl", [.. args], stdin: "GET / HTTP/1.1\r\nHost: backend\r\nConnection: close\r\n\r\n");
    }

    private static Task<(int ExitCode, string Output)> Run(string file, params string[] args) => MeshHarness.Run(file, args);
}
