using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Switchboard.Runtime.Capture;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Processes;
using Switchboard.Runtime.Tests.TestSupport;
using Switchboard.Runtime.Up;

namespace Switchboard.Runtime.Tests.Capture;

/// <summary>
/// The proxy's outbound listener behind real iptables capture: a pod with the capture rules and its sidecar (the real
/// switchboard-proxy, as UID 1337, static config), and a server pod outside the mesh, both on their own bridge:
/// <code>
///   app pod 198.18.246.11 (rules, sidecar :15001)          server pod 198.18.246.12 (no sidecar, unknown to the mesh)
///     curl https://tls.sbcap.test:8443 ───capture──► proxy ──►  :8443 openssl s_server (TLS)
///     socket → :3306 (waits for the banner)  ───────► proxy ──►  :3306 banner, then echo (server-first)
///     curl http://198.18.246.12:8080/  ──────────────► proxy ──►  :8080 plain HTTP
/// </code>
/// ALLOW_ANY passes all three through (TLS and TCP opaque, HTTP sniffed and served as HTTP); REGISTRY_ONLY refuses TLS.
/// </summary>
public sealed class CapturedOutboundEndToEndTests(CapturedOutboundEndToEndTests.Environment environment) : IClassFixture<CapturedOutboundEndToEndTests.Environment>
{
    [Fact]
    public async Task Tls_originated_by_the_app_passes_through_under_allow_any_and_is_refused_under_registry_only()
    {
        string[] curl = ["curl", "-sS", "-k", "--max-time", "5", "--resolve", $"tls.sbcap.test:8443:{Environment.ServerAddress}", "https://tls.sbcap.test:8443/"];
        await environment.StartProxyAsync("ALLOW_ANY");
        var allowed = await environment.ExecAsync(environment.App, curl);
        Assert.True(allowed.Succeeded, $"curl through ALLOW_ANY failed ({allowed.ExitCode}): {allowed.StandardError}\n{environment.ProxyLog()}");
        Assert.Contains("s_server", allowed.StandardOutput, StringComparison.Ordinal);
        // One opaque TCP line: PassthroughCluster, the original destination, the SNI curl sent.
        Assert.Matches($"\"- - -\" 0 - .*\"{Environment.ServerAddress}:8443\" PassthroughCluster - {Environment.ServerAddress}:8443 {Environment.AppAddress}:[0-9]+ tls.sbcap.test -",
            await environment.ProxyLogLineAsync("PassthroughCluster"));

        await environment.StartProxyAsync("REGISTRY_ONLY");
        var refused = await environment.ExecAsync(environment.App, curl);
        Assert.False(refused.Succeeded, $"curl through REGISTRY_ONLY got: {refused.StandardOutput}");
        Assert.DoesNotContain("s_server", refused.StandardOutput, StringComparison.Ordinal);
        Assert.Matches($"\"- - -\" 0 UH .* BlackHoleCluster - {Environment.ServerAddress}:8443 .* tls.sbcap.test -", await environment.ProxyLogLineAsync("BlackHoleCluster"));
    }

    [Fact]
    public async Task A_server_first_protocol_on_3306_works_through_capture()
    {
        await environment.StartProxyAsync("ALLOW_ANY");
        // A socket made in the app pod's namespace: its connection is captured like the app's own.
        using var socket = NetworkNamespace.Run(environment.App, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        await socket.ConnectAsync(IPAddress.Parse(Environment.ServerAddress), 3306).WaitAsync(TimeSpan.FromSeconds(5));
        await using var stream = new NetworkStream(socket);
        // The client says nothing until the server has: the banner must come through a proxy that does not wait to sniff.
        Assert.Equal(Environment.Banner, await ReadAsync(stream, Environment.Banner.Length));
        await stream.WriteAsync("SELECT 1;\n"u8.ToArray());
        Assert.Equal("SELECT 1;\n", await ReadAsync(stream, "SELECT 1;\n".Length));
        socket.Shutdown(SocketShutdown.Send);
        Assert.Contains($"\"{Environment.ServerAddress}:3306\" PassthroughCluster - {Environment.ServerAddress}:3306", await environment.ProxyLogLineAsync(":3306\" PassthroughCluster"));
    }

    [Fact]
    public async Task Plain_http_to_an_undeclared_port_is_sniffed_and_served_as_http()
    {
        await environment.StartProxyAsync("ALLOW_ANY");
        var result = await environment.ExecAsync(environment.App, "curl", "-sS", "--max-time", "5", $"http://{Environment.ServerAddress}:8080/sniffed");
        Assert.True(result.Succeeded, $"curl failed ({result.ExitCode}): {result.StandardError}\n{environment.ProxyLog()}");
        Assert.StartsWith("plain ", result.StandardOutput, StringComparison.Ordinal);
        // The HTTP access-log line (method, path, status), not an opaque "- - -" one.
        Assert.Matches($"\"GET /sniffed HTTP/1.1\" 200 - .*\"{Environment.ServerAddress}:8080\" PassthroughCluster", await environment.ProxyLogLineAsync("GET /sniffed"));
    }

    private static async Task<string> ReadAsync(Stream stream, int length)
    {
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        return Encoding.ASCII.GetString(buffer);
    }

    /// <summary>The bridge, the two pods, the servers, and the app pod's sidecar (restarted with the policy a test needs).</summary>
    public sealed class Environment : IAsyncLifetime
    {
        public const string AppAddress = "198.18.246.11";
        public const string ServerAddress = "198.18.246.12";
        public const string Banner = "5.7.0-switchboard-banner\n";

        private readonly string _suffix = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..4];
        private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-capture-e2e-");
        private readonly ProcessRunner _processes = new();
        private readonly List<IDisposable> _servers = [];
        private PodNetworks? _networks;
        private Supervisor? _tlsServer;
        private Supervisor? _proxy;
        private int _proxyRun;

        public string App => $"{NetworkLayout.Prefix}sbcap{_suffix}-app";
        public string Server => $"{NetworkLayout.Prefix}sbcap{_suffix}-srv";
        private string ProxyLogFile => Path.Combine(_dir.FullName, $"proxy-{_proxyRun}.log");

        public async Task InitializeAsync()
        {
            if (!OperatingSystem.IsLinux() || !System.Environment.IsPrivilegedProcess)
                Assert.Fail("capture end-to-end tests need Linux and root (CAP_NET_ADMIN) to create network namespaces; run test.sh as root");
            // The sidecar runs as UID 1337 and reads its config and our files: traverse and read for everyone.
            Permit(_dir.FullName, "755");
            var layout = new NetworkLayout { Bridge = $"sbcap{_suffix}", Gateway = IPAddress.Parse("198.18.246.1"), PrefixLength = 24 };
            _networks = new PodNetworks(_processes, layout, new RuntimeState(Path.Combine(_dir.FullName, "state.json")), Path.Combine(_dir.FullName, "netns"));
            await _networks.EnsureBridgeAsync();
            await _networks.CreateAsync("app", new PodNetworkSpec(App, IPAddress.Parse(AppAddress), new Dictionary<string, IPAddress>()));
            await _networks.CreateAsync("srv", new PodNetworkSpec(Server, IPAddress.Parse(ServerAddress), new Dictionary<string, IPAddress>()));
            await new CaptureRunner(_processes).ApplyAsync(new CaptureOptions(), App);
            _servers.Add(new OriginalDestinationServer(Server, 8080, "plain"));
            _servers.Add(new NamespacedBannerServer(Server, 3306, Banner));
            await StartTlsServerAsync();
        }

        /// <summary>(Re)starts the app pod's sidecar with <paramref name="policy"/> as the mesh's outboundTrafficPolicy; returns once it listens.</summary>
        public async Task StartProxyAsync(string policy)
        {
            if (_proxy is not null) await _proxy.StopAsync();
            _proxyRun++;
            var config = Directory.CreateDirectory(Path.Combine(_dir.FullName, $"config-{_proxyRun}"));
            Permit(config.FullName, "755");
            await File.WriteAllTextAsync(Path.Combine(config.FullName, "mesh.yaml"), Mesh(policy));
            Permit(Path.Combine(config.FullName, "mesh.yaml"), "644");
            var proxy = Path.Combine(AppContext.BaseDirectory, "switchboard-proxy.dll");
            _proxy = new Supervisor(PodProcess.Command(App, 1337, ["dotnet", proxy, "--config", config.FullName, "--workload", "default/app"], new Dictionary<string, string>()),
                ProxyLogFile, new SupervisorOptions { Grace = TimeSpan.FromSeconds(2) });
            var clock = Stopwatch.StartNew();
            while (!ProxyLog().Contains("ready outbound=", StringComparison.Ordinal))
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(30)) Assert.Fail($"the sidecar did not start: {ProxyLog()}");
                await Task.Delay(100);
            }
        }

        /// <summary>Runs a program in <paramref name="ns"/> as root (captured: only UID 1337 is exempt).</summary>
        public Task<ProcessResult> ExecAsync(string ns, params string[] command) =>
            _processes.RunAsync(new ProcessCommand("ip", ["netns", "exec", ns, .. command]));

        private static void Permit(string path, string octal)
        {
            if (OperatingSystem.IsLinux()) File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(octal, 8));
        }

        public string ProxyLog()
        {
            if (!File.Exists(ProxyLogFile)) return "";
            using var reader = new StreamReader(new FileStream(ProxyLogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadToEnd();
        }

        /// <summary>The current sidecar's log line containing <paramref name="text"/> (TCP lines are written when the connection ends).</summary>
        public async Task<string> ProxyLogLineAsync(string text)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                if (ProxyLog().Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line) return line;
                await Task.Delay(100);
            }
            throw new Xunit.Sdk.XunitException($"no sidecar log line with '{text}':\n{ProxyLog()}");
        }

        /// <summary>The mesh the sidecar serves: only its own workload, so the server pod is an unknown destination.</summary>
        private static string Mesh(string policy) => $$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app, namespace: default}
            spec:
              selector: {matchLabels: {app: app}}
              template:
                metadata: {labels: {app: app}}
                spec: {containers: [{name: app, image: app}]}
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: default, namespace: default}
            spec:
              outboundTrafficPolicy:
                mode: {{{policy}}}
            """;

        /// <summary>openssl's own TLS server in the server pod, with a self-signed certificate for tls.sbcap.test.</summary>
        private async Task StartTlsServerAsync()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=tls.sbcap.test", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("tls.sbcap.test");
            request.CertificateExtensions.Add(san.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var certFile = Path.Combine(_dir.FullName, "tls.pem");
            var keyFile = Path.Combine(_dir.FullName, "tls.key");
            await File.WriteAllTextAsync(certFile, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
            _tlsServer = new Supervisor(new ProcessCommand("ip", "netns", "exec", Server, "openssl", "s_server", "-accept", "8443", "-cert", certFile, "-key", keyFile, "-www", "-quiet"),
                Path.Combine(_dir.FullName, "openssl.log"), new SupervisorOptions { Grace = TimeSpan.FromSeconds(2) });
            var clock = Stopwatch.StartNew();
            while (true)
            {
                // From the host, over the bridge (never captured): is it listening yet?
                using var probe = new TcpClient();
                try
                {
                    await probe.ConnectAsync(IPAddress.Parse(ServerAddress), 8443).WaitAsync(TimeSpan.FromSeconds(1));
                    return;
                }
                catch (Exception e) when (e is SocketException or TimeoutException)
                {
                    if (clock.Elapsed > TimeSpan.FromSeconds(15)) Assert.Fail($"openssl s_server did not start: {File.ReadAllText(Path.Combine(_dir.FullName, "openssl.log"))}");
                    await Task.Delay(100);
                }
            }
        }

        public async Task DisposeAsync()
        {
            if (_proxy is not null) await _proxy.StopAsync();
            if (_tlsServer is not null) await _tlsServer.StopAsync();
            foreach (var server in _servers) server.Dispose();
            if (_networks is not null) await _networks.RemoveAllAsync();
            _dir.Delete(recursive: true);
        }
    }
}
