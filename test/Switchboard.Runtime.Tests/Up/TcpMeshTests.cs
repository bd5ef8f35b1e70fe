using System.Net;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Processes;
using Switchboard.Runtime.Tests.TestSupport;
using Switchboard.Runtime.Up;
using Xunit.Abstractions;

namespace Switchboard.Runtime.Tests.Up;

/// <summary>
/// Opaque TCP through <c>sbctl up</c>, with server-first protocols, the case protocol sniffing cannot serve: a "database"
/// on 3306 (port named <c>mysql</c>: declared TCP, never sniffed) and a greeter on 7000 (an unnamed port: sniffed, and
/// silent until the timeout, then TCP to the service) both speak before the client does (socat sends a banner and closes).
/// From the caller pod, by Service name, through both sidecars (STRICT mTLS), each banner arrives, and the caller's sidecar
/// logs the service's own cluster, not PassthroughCluster: the sidecar knows the Service's VIP (its clusterIP, which up
/// allocates) as that service's address; <c>sbctl x top</c> shows both TCP edges. Own bridge and 198.18.242.0/24.
/// </summary>
[Collection(WholeMeshCollection.Name)]
public sealed class TcpMeshTests(ITestOutputHelper log) : IDisposable
{
    private const string Mesh = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: tcp, labels: { istio-injection: enabled } }
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: { name: default, namespace: tcp }
        spec: { mtls: { mode: STRICT } }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: db, namespace: tcp }
        spec: { selector: { app: db }, ports: [{ name: mysql, port: 3306 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: greeter, namespace: tcp }
        spec: { selector: { app: greeter }, ports: [{ port: 7000 }] }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: db, namespace: tcp }
        spec:
          replicas: 1
          selector: { matchLabels: { app: db } }
          template:
            metadata: { labels: { app: db, version: v1 } }
            spec:
              containers:
              - name: db
                command: ["socat", "TCP-LISTEN:3306,fork,reuseaddr", "SYSTEM:echo 5.7.44-db-banner"]
                ports: [{ containerPort: 3306 }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: greeter, namespace: tcp }
        spec:
          replicas: 1
          selector: { matchLabels: { app: greeter } }
          template:
            metadata: { labels: { app: greeter, version: v1 } }
            spec:
              containers:
              - name: greeter
                command: ["socat", "TCP-LISTEN:7000,fork,reuseaddr", "SYSTEM:echo hello-from-greeter"]
                ports: [{ containerPort: 7000 }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: caller, namespace: tcp }
        spec:
          replicas: 1
          selector: { matchLabels: { app: caller } }
          template:
            metadata: { labels: { app: caller, version: v1 } }
            spec:
              containers: [{ name: caller, image: example/caller:1, ports: [{ containerPort: 8080 }] }]
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-tcp-");
    private readonly ProcessRunner _processes = new();
    private readonly string _sbctl = TestMeshes.Sbctl;

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Server_first_tcp_services_are_reached_by_name_through_both_sidecars()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Fail("sbctl up needs Linux and root (test.sh runs as root)");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var config = Directory.CreateDirectory(Path.Combine(_dir.FullName, "config"));
        await File.WriteAllTextAsync(Path.Combine(config.FullName, "mesh.yaml"), Mesh, deadline.Token);
        var state = Path.Combine(_dir.FullName, "state");
        // The state lives in here: the sidecars (UID 1337) must be let through.
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(_dir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        var layout = TestMeshes.Layout("sbtcp", "198.18.242.1");
        var options = TestMeshes.Options(config.FullName, state, layout);
        IReadOnlyList<PlannedPod> pods;
        await using (var mesh = new LocalMesh(options, new StringWriter()))
        {
            await mesh.StartAsync(deadline.Token);
            pods = mesh.Pods;
            var caller = pods.Single(p => p.Owner == "caller");

            // socat answers at once on accept, so "listening" is when a call gets the banner: retried until the pods are up.
            var db = "";
            Assert.True(await HostPorts.Until(async () => (db = await ExecAsync(caller, deadline.Token, "curl", "-s", "--max-time", "5", "telnet://db:3306")).Contains("5.7.44-db-banner", StringComparison.Ordinal), deadline.Token),
                $"db:3306 answered '{db}'");
            var greeter = "";
            Assert.True(await HostPorts.Until(async () => (greeter = await ExecAsync(caller, deadline.Token, "curl", "-s", "--max-time", "5", "telnet://greeter:7000")).Contains("hello-from-greeter", StringComparison.Ordinal), deadline.Token),
                $"greeter:7000 answered '{greeter}'");

            var access = await File.ReadAllTextAsync(Path.Combine(state, "pods", caller.Name, "sidecar.log"), deadline.Token);
            log.WriteLine(access);
            Assert.Contains("outbound|3306||db.tcp.svc.cluster.local", access);
            Assert.Contains("outbound|7000||greeter.tcp.svc.cluster.local", access);
            Assert.DoesNotContain("PassthroughCluster", access);

            // sbctl x top lists the TCP edges from the proxies' Istio TCP metrics.
            var top = await _processes.RunAsync(new ProcessCommand("dotnet", _sbctl, "x", "top", "--once", "--interval", "500ms", "--controlplane", $"http://127.0.0.1:{options.Http.Port}"), deadline.Token);
            log.WriteLine(top.StandardOutput + top.StandardError);
            Assert.Matches(@"(?m)^caller\.tcp\s+db\.tcp\s", top.StandardOutput);
            Assert.Matches(@"(?m)^caller\.tcp\s+greeter\.tcp\s", top.StandardOutput);
            // The server side knows which service a connection was for from the SNI the caller's sidecar sent, and that it was mTLS.
            using var http = new HttpClient();
            var merged = await http.GetStringAsync($"http://127.0.0.1:{options.Http.Port}/metrics/proxies", deadline.Token);
            Assert.Matches("istio_tcp_connections_opened_total\\{[^}]*reporter=\"destination\"[^}]*destination_service=\"db\\.tcp\\.svc\\.cluster\\.local\"[^}]*connection_security_policy=\"mutual_tls\"", merged);
        }
        var namespaces = (await _processes.RunAsync(new ProcessCommand("ip", "netns", "list"))).StandardOutput;
        foreach (var pod in pods) Assert.DoesNotContain(pod.Netns, namespaces);
    }

    /// <summary><c>sbctl exec tcp/POD -- COMMAND</c>: inside the pod's namespace as its app user, captured by its sidecar.</summary>
    private async Task<string> ExecAsync(PlannedPod pod, CancellationToken token, params string[] command) =>
        (await _processes.RunAsync(new ProcessCommand("dotnet", [_sbctl, "exec", $"tcp/{pod.Name}", "--", .. command]), token)).StandardOutput;
}
