using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Switchboard.ControlPlane.Hosting;
using Switchboard.ControlPlane.Store;
using Switchboard.Identity.Api.Protocol;
using Switchboard.Identity.Workload;
using Switchboard.Proxy.Config;
using Switchboard.Proxy.Identity;
using Switchboard.Proxy.Runtime;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests;

/// <summary>
/// Mutual TLS between two real proxies programmed by a real control plane, each with a SPIFFE certificate from the
/// mesh CA (key made in the proxy, bootstrap token for the identity): the server proxy stands in for the pod address
/// 127.0.0.2 and forwards to its app on 127.0.0.1; real curl and openssl play the callers without a sidecar.
/// </summary>
public sealed class MutualTlsTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-mtls-");
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly CollectingLogger _log = new();
    private TestUpstream _app = null!;
    private WebApplication _controlPlane = null!;
    private FileConfigStore _store = null!;
    private string _http = "";
    private string _secure = "";
    private readonly int _securePort = Wait.FreePort();
    private string _proxyRoots = "";

    private string Store => Path.Combine(_dir.FullName, "store");
    private string RootFile => Path.Combine(Store, ".switchboard", "ca", "root-cert.pem");
    private string PodAddress => $"127.0.0.2:{_app.Port}";

    public async Task InitializeAsync()
    {
        _app = await TestUpstream.StartAsync("backend");
        await StartControlPlaneAsync();
        Assert.True(_store.Apply(Mesh("STRICT"), "mesh.yaml").Accepted);
    }

    /// <summary>Starts (or restarts, on the same directory and TLS port) the control plane, with a plugged-in CA when given.</summary>
    private async Task StartControlPlaneAsync(string? caDirectory = null)
    {
        _controlPlane = ControlPlaneHost.Build(new ControlPlaneOptions(Store)
        {
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            Discovery = new IPEndPoint(IPAddress.Loopback, 0),
            Secure = new IPEndPoint(IPAddress.Loopback, _securePort),
            CaDirectory = caDirectory ?? "",
        }, out _store);
        await _controlPlane.StartAsync();
        var addresses = _controlPlane.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        _http = addresses.First(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal));
        _secure = addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal));
    }

    private async Task RestartControlPlaneAsync(string caDirectory)
    {
        await _controlPlane.StopAsync();
        await _controlPlane.DisposeAsync();
        await StartControlPlaneAsync(caDirectory);
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) await owned.DisposeAsync();
        await _controlPlane.DisposeAsync();
        await _app.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Strict_mesh_traffic_is_mutual_TLS_and_callers_without_a_certificate_are_refused()
    {
        await StartServerAsync();
        var web = await StartProxyAsync("web-0", "web-sa");
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
        var (certFile, keyFile) = await IssueFilesAsync("tester-0", "tester-sa");
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
        Assert.Equal(0, Switchboard.Cli.SbctlApp.Run(["proxy-config", "secret", "shop/web-0", "--controlplane", _http], secret, new StringWriter()));
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
        Assert.True(_store.Apply(GrpcService(port), "grpc.yaml").Accepted);
        await StartProxyAsync("greeter-0", "greeter-sa", inbound: [new IPEndPoint(IPAddress.Parse("127.0.0.4"), port)]);
        var web = await StartProxyAsync("web-0", "web-sa");
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
        Assert.True(_store.Apply(Mesh("PERMISSIVE"), "mesh.yaml").Accepted);
        await StartServerAsync();
        var web = await StartProxyAsync("web-0", "web-sa");
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
        var web = await StartProxyAsync("web-0", "web-sa", clock);
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
        await _controlPlane.StopAsync();
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

    private Task<MeshProxy> StartServerAsync() => StartProxyAsync("backend-0", "backend-sa", inbound: [IPEndPoint.Parse(PodAddress)]);

    [Fact]
    public async Task A_plugged_in_root_is_rotated_in_four_steps_with_traffic_after_each()
    {
        var ca = Path.Combine(_dir.FullName, "ca");
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
            _proxyRoots = Path.Combine(ca, "root-cert.pem");
            await RestartControlPlaneAsync(ca);
        }
        async Task Traffic(MeshProxy client, string when)
        {
            for (var i = 0; i < 5; i++)
                Assert.True(await Wait.Until(async () => (await client.Proxy.Client.GetAsync("http://backend.shop:8080/")).IsSuccessStatusCode, seconds: 10), $"no traffic {when}: {client.Proxy.AccessLog}");
        }

        // 1. old root A signs (through intermediate A).
        await Step("a", "a");
        var server = await StartServerAsync();
        var client = await StartProxyAsync("web-0", "web-sa");
        await Traffic(client, "with root A");
        Assert.Contains("Intermediate a", client.Rotator.Current.Certificate.Issuer);

        // 2. both roots trusted, A still signs; workloads restart onto the two-root bundle.
        await Step("a", "a,b");
        server = await RestartProxyAsync(server, StartServerAsync);
        await Traffic(client, "after the server took the A+B bundle");
        client = await RestartProxyAsync(client, () => StartProxyAsync("web-0", "web-sa"));
        await Traffic(client, "with both on A+B");
        Assert.Equal(2, client.Rotator.Current.Roots.Count);

        // 3. the new intermediate (under B) signs; a server on B talks with a client still on A, and back.
        await Step("b", "a,b");
        server = await RestartProxyAsync(server, StartServerAsync);
        Assert.Contains("Intermediate b", server.Rotator.Current.Certificate.Issuer);
        await Traffic(client, "with the server on B and the client on A");
        client = await RestartProxyAsync(client, () => StartProxyAsync("web-0", "web-sa"));
        await Traffic(client, "with both on B");

        // 4. only the new root is trusted.
        await Step("b", "b");
        server = await RestartProxyAsync(server, StartServerAsync);
        await Traffic(client, "with the server on root B only");
        client = await RestartProxyAsync(client, () => StartProxyAsync("web-0", "web-sa"));
        await Traffic(client, "with root B only");
        Assert.Single(client.Rotator.Current.Roots);
    }

    private async Task<MeshProxy> RestartProxyAsync(MeshProxy proxy, Func<Task<MeshProxy>> start)
    {
        await proxy.Stop.DisposeAsync();
        _owned.Remove(proxy.Stop);
        return await start();
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

    private sealed record MeshProxy(ProxyUnderTest Proxy, CertificateRotator Rotator, IAsyncDisposable Stop);

    /// <summary>A proxy with a workload identity from the CA (token minted by sbctl over the control plane's socket), fed over TLS discovery.</summary>
    private async Task<MeshProxy> StartProxyAsync(string pod, string serviceAccount, TimeProvider? time = null, IReadOnlyList<IPEndPoint>? inbound = null)
    {
        time ??= TimeProvider.System;
        var tokenFile = Path.Combine(_dir.FullName, pod + ".token");
        Assert.Equal(0, Switchboard.Cli.SbctlApp.Run(["x", "token", $"shop/{serviceAccount}", "--workload", pod, "--dir", Store, "--out", tokenFile], new StringWriter(), new StringWriter()));
        var connection = ControlPlaneConnection.Load(_proxyRoots.Length > 0 ? _proxyRoots : RootFile, tokenFile);
        var secure = _secure;
        var rotator = new CertificateRotator(async token =>
        {
            using var channel = connection.Channel(secure);
            return await new WorkloadCertificateSource(new CertificateService.CertificateServiceClient(channel), connection.Token, time).FetchAsync(TimeSpan.Zero, token);
        }, time);
        await rotator.StartAsync(CancellationToken.None);
        var proxy = await ProxyUnderTest.StartAsync(null, identity: new ProxyIdentity(() => rotator.Current, time), inbound: inbound, time: time);
        rotator.Rotated += (_, _) => proxy.Holder.Refresh();
        var stopping = new CancellationTokenSource();
        var streaming = new DiscoveryClient(_secure, new ProxyNode { Namespace = "shop", Workload = pod }, proxy.Holder, new RandomSource(new Random(1)),
            _log, adminUrl: $"http://127.0.0.1:{proxy.AdminPort}", secure: connection).RunAsync(stopping.Token);
        var stop = new Stopper(async () =>
        {
            await stopping.CancelAsync();
            await streaming;
            await rotator.DisposeAsync();
            await proxy.DisposeAsync();
        });
        _owned.Add(stop);
        Assert.True(await Wait.Until(() => Task.FromResult(proxy.Holder.Current is not null)), $"{pod} got no config: {string.Join(" | ", _log.Lines)}");
        return new MeshProxy(proxy, rotator, stop);
    }

    /// <summary>A certificate and key for a caller without a sidecar, as PEM files (0600), from the mesh CA.</summary>
    private async Task<(string Cert, string Key)> IssueFilesAsync(string pod, string serviceAccount)
    {
        var tokenFile = Path.Combine(_dir.FullName, pod + ".token");
        Assert.Equal(0, Switchboard.Cli.SbctlApp.Run(["x", "token", $"shop/{serviceAccount}", "--workload", pod, "--dir", Store, "--out", tokenFile], new StringWriter(), new StringWriter()));
        var connection = ControlPlaneConnection.Load(_proxyRoots.Length > 0 ? _proxyRoots : RootFile, tokenFile);
        using var channel = connection.Channel(_secure);
        var issued = await new WorkloadCertificateSource(new CertificateService.CertificateServiceClient(channel), connection.Token, TimeProvider.System)
            .FetchAsync(TimeSpan.Zero, CancellationToken.None);
        var cert = Path.Combine(_dir.FullName, pod + ".crt");
        var key = Path.Combine(_dir.FullName, pod + ".key");
        await File.WriteAllTextAsync(cert, issued.Certificate.ExportCertificatePem());
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException();
        await using (var file = new FileStream(key, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        await using (var writer = new StreamWriter(file))
            await writer.WriteAsync(issued.Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (cert, key);
    }

    /// <summary>An HTTP request over TLS to the pod address with openssl s_client, with or without a client certificate.</summary>
    private Task<(int ExitCode, string Output)> OpenSsl((string Cert, string Key)? clientCertificate)
    {
        var args = new List<string> { "s_client", "-connect", PodAddress, "-quiet", "-CAfile", RootFile };
        if (clientCertificate is { } c) args.AddRange(["-cert", c.Cert, "-key", c.Key]);
        return Run("openssl", [.. args], stdin: "GET / HTTP/1.1\r\nHost: backend\r\nConnection: close\r\n\r\n");
    }

    private static async Task<(int ExitCode, string Output)> Run(string file, params string[] args) => await Run(file, args, stdin: null);

    private static async Task<(int ExitCode, string Output)> Run(string file, string[] args, string? stdin)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        // s_client keeps reading stdin: closing it ends the session once the answer (if any) is in.
        await Task.Delay(stdin is null ? 0 : 1500);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }



    /// <summary>Keeps what the discovery clients log, for failure messages.</summary>
    private sealed class CollectingLogger : Microsoft.Extensions.Logging.ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));
    }

    private sealed class Stopper(Func<Task> stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await stop();
    }
}
