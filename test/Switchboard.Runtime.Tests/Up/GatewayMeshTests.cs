using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Processes;
using Switchboard.Runtime.Tests.TestSupport;
using Switchboard.Runtime.Up;
using Xunit.Abstractions;

namespace Switchboard.Runtime.Tests.Up;

/// <summary>
/// The seed's external routing through <c>sbctl up examples/payments</c> for real (issue 9): the istio-ingressgateway
/// Deployment runs as the proxy in the gateway role, its Service port 443 is exposed on the host's loopback, and real
/// curl from the host, as an external client, gets the 95/5 split and the beta header over HTTPS with the example's
/// certificate (Secret payment-tls-cert in istio-system, delivered by the control plane). The gateway reaches
/// payment-service over mesh mTLS as its own identity, which payment-service-allow-ingress admits for POST /api/v1/charge
/// only. Then a new certificate made by <c>sbctl x cert</c> and applied with <c>sbctl apply</c> is served without a
/// restart. Own bridge (198.18.245.0/24), state directory and host port offset; everything is removed at the end.
/// </summary>
[Collection(WholeMeshCollection.Name)]
public sealed class GatewayMeshTests(ITestOutputHelper log) : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("sb-gwmesh-");
    private readonly ProcessRunner _processes = new();
    private readonly string _sbctl = TestMeshes.Sbctl;

    public void Dispose() => _state.Delete(recursive: true);

    [Fact]
    public async Task External_https_through_the_ingress_gateway_follows_the_seeds_routing_and_takes_a_new_certificate_live()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Fail("sbctl up needs Linux and root (test.sh runs as root)");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var layout = TestMeshes.Layout("sbgw", "198.18.245.1");
        var http = HostPorts.FreePort();
        var offset = HostPorts.FreeOffset();
        var https = 443 + offset;
        var options = TestMeshes.Options(Path.Combine(RepoPaths.Root, "examples", "payments"), _state.FullName, layout, http) with { GatewayPortOffset = offset };
        var caFile = Path.Combine(_state.FullName, "example-ca.crt");
        await File.WriteAllBytesAsync(caFile, ExampleCertificate(), deadline.Token);
        var output = new StringWriter();
        IReadOnlyList<PlannedPod> pods;
        await using (var mesh = new LocalMesh(options, output))
        {
            await mesh.StartAsync(deadline.Token);
            log.WriteLine(output.ToString());
            pods = mesh.Pods;
            var gateway = Assert.Single(pods, p => p.IsGateway);
            Assert.Equal("istio-ingressgateway", gateway.Owner);
            Assert.Contains($"gateway istio-system/istio-ingressgateway port 443: 127.0.0.1:{https} -> {gateway.Address}:8443", output.ToString());
            foreach (var pod in pods.Where(p => p.Owner.StartsWith("payment-service", StringComparison.Ordinal)))
                Assert.True(await HostPorts.Until(() => AppLog(pod).Contains(" serving on :8080", StringComparison.Ordinal), deadline.Token), $"{pod.Name} did not start: {AppLog(pod)}");

            string[] client = ["--resolve", $"api.example.com:{https}:127.0.0.1", "--cacert", caFile];
            var charge = $"https://api.example.com:{https}/api/v1/charge";
            // The gateway may still be fetching its credential: wait for the first good answer.
            Assert.True(await HostPorts.Until(async () => (await Curl([.. client, "-X", "POST", "-o", "/dev/null", "-w", "%{http_code}", charge])).Output == "200", deadline.Token),
                "the gateway never answered 200: " + (await Curl([.. client, "-v", "-X", "POST", charge])).Error);

            // Binomial(200, 0.05): mean 10, sd 3.1; 1..24 is beyond 4 sd both ways, and no broken split lands in it.
            var split = await Curl([.. client, "-X", "POST", "-w", "\n", .. Enumerable.Repeat(charge, 200)]);
            var answers = split.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var v1 = answers.Count(a => a.StartsWith("payment-service v1 ", StringComparison.Ordinal));
            var v2 = answers.Count(a => a.StartsWith("payment-service v2 ", StringComparison.Ordinal));
            log.WriteLine($"split: v1 {v1}, v2 {v2}");
            Assert.Equal(200, v1 + v2);
            Assert.InRange(v2, 1, 24);

            var beta = await Curl([.. client, "-X", "POST", "-H", "x-beta-user: true", "-w", "\n", .. Enumerable.Repeat(charge, 10)]);
            Assert.All(beta.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), a => Assert.StartsWith("payment-service v2 ", a));

            // The gateway's identity may POST the payment API, nothing else (payment-service-allow-ingress): authorization holds behind the edge.
            var get = await Curl([.. client, "-w", " %{http_code}", $"https://api.example.com:{https}/api/v1/charge"]);
            Assert.Equal("RBAC: access denied 403", get.Output);

            // A new certificate from another CA, applied to the running mesh: new connections get it, no restart.
            var certs = Path.Combine(_state.FullName, "new-cert");
            var made = await Sbctl(deadline.Token, "x", "cert", "--host", "api.example.com", "--name", "payment-tls-cert", "--namespace", "istio-system", "--out", certs);
            Assert.Equal(0, made.ExitCode);
            var applied = await Sbctl(deadline.Token, "apply", "-f", Path.Combine(certs, "secret.yaml"), "--controlplane", $"http://127.0.0.1:{http}");
            Assert.True(applied.ExitCode == 0, applied.StandardOutput + applied.StandardError);
            string[] renewed = ["--resolve", $"api.example.com:{https}:127.0.0.1", "--cacert", Path.Combine(certs, "ca.crt")];
            Assert.True(await HostPorts.Until(async () => (await Curl([.. renewed, "-X", "POST", "-o", "/dev/null", "-w", "%{http_code}", charge])).Output == "200", deadline.Token),
                "the new certificate was not served");
            Assert.NotEqual(0, (await Curl([.. client, "-X", "POST", charge])).ExitCode);

            // proxy-config secret of the gateway names the credential (never its key).
            var secret = await Sbctl(deadline.Token, "proxy-config", "secret", $"istio-system/{gateway.Name}", "--controlplane", $"http://127.0.0.1:{http}");
            log.WriteLine(secret.StandardOutput + secret.StandardError);
            Assert.Matches(new Regex(@"kubernetes://payment-tls-cert\s+Cert Chain\s+ACTIVE\s+true"), secret.StandardOutput);

            // The gateway rolled out anew with two replicas: new pods at new addresses, the old one gone; the same host
            // port now forwards to the new ones.
            var deployment = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "payments", "kubernetes.yaml")).Split("\n---\n")
                .Single(d => d.Contains("kind: Deployment", StringComparison.Ordinal) && d.Contains("name: istio-ingressgateway\n", StringComparison.Ordinal));
            var rollout = Path.Combine(_state.FullName, "gateway-rollout.yaml");
            await File.WriteAllTextAsync(rollout, deployment.Replace("replicas: 1", "replicas: 2")
                .Replace("command: [\"switchboard\", \"proxy\", \"gateway\"]", "command: [\"switchboard\", \"proxy\", \"gateway\"]\n        env: [{ name: ROLLOUT, value: \"2\" }]"), deadline.Token);
            var rolled = await Sbctl(deadline.Token, "apply", "-f", rollout, "--controlplane", $"http://127.0.0.1:{http}");
            Assert.True(rolled.ExitCode == 0, rolled.StandardOutput + rolled.StandardError);
            Assert.True(await HostPorts.Until(() => Task.FromResult(mesh.Pods.Count(p => p.IsGateway && p.Name != gateway.Name) == 2 && mesh.Pods.All(p => p.Name != gateway.Name)), deadline.Token),
                "the gateway did not roll out: " + string.Join(", ", mesh.Pods.Select(p => p.Name)));
            var rolledOut = mesh.Pods.Where(p => p.IsGateway).Select(p => $"{p.Address}:8443").Order(StringComparer.Ordinal).ToList();
            string[] retargeted = [$"port 443: 127.0.0.1:{https} -> {string.Join(", ", rolledOut)}", $"port 443: 127.0.0.1:{https} -> {string.Join(", ", Enumerable.Reverse(rolledOut))}"];
            Assert.True(await HostPorts.Until(() => Task.FromResult(mesh.Events.Recent(50).Any(e => retargeted.Any(r => e.EndsWith(r, StringComparison.Ordinal)))), deadline.Token),
                "the host port was not retargeted: " + string.Join("\n", mesh.Events.Recent(50)));
            var after = await Curl([.. renewed, "-X", "POST", "-w", "%{http_code}\n", .. Enumerable.Repeat(charge, 10).SelectMany(url => new[] { "-o", "/dev/null", url })]);
            Assert.Equal(Enumerable.Repeat("200", 10), after.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        var namespaces = (await _processes.RunAsync(new ProcessCommand("ip", "netns", "list"))).StandardOutput;
        foreach (var pod in pods) Assert.DoesNotContain(pod.Netns, namespaces);
        Assert.ThrowsAny<SocketException>(() => new TcpClient().Connect(IPAddress.Loopback, https));
    }

    [Fact]
    public async Task Egress_goes_out_through_the_egress_gateway_and_registry_only_refuses_the_rest()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Fail("sbctl up needs Linux and root (test.sh runs as root)");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var layout = TestMeshes.Layout("sbeg", "198.18.244.1");
        var options = TestMeshes.Options(Path.Combine(RepoPaths.Root, "test", "Switchboard.Runtime.Tests", "Fixtures", "egress"), _state.FullName, layout) with { GatewayPortOffset = HostPorts.FreeOffset() };
        await using var mesh = new LocalMesh(options, new StringWriter());
        await mesh.StartAsync(deadline.Token);
        var client = Assert.Single(mesh.Pods, p => p.Owner == "client");
        var egress = Assert.Single(mesh.Pods, p => p.IsGateway);
        Assert.True(await HostPorts.Until(() => AppLog(client).Contains(" serving on :8080", StringComparison.Ordinal), deadline.Token), $"client did not start: {AppLog(client)}");

        // The partner's server: outside every pod and outside the registry but for its ServiceEntry, on the mesh's bridge.
        var external = new PodNetworks(_processes, layout, new RuntimeState(Path.Combine(_state.FullName, "external-ledger")));
        var netns = NetworkLayout.NamespaceOf("external", $"partner-{Random.Shared.Next(100000)}");
        await external.CreateAsync("partner", new PodNetworkSpec(netns, IPAddress.Parse("198.18.244.200"), new Dictionary<string, IPAddress>()), deadline.Token);
        using var server = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ip",
            ["netns", "exec", netns, "dotnet", _sbctl, "x", "sample-app", "--name", "partner-api", "--version", "v1", "--port", "80"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            Assert.True(await HostPorts.Until(async () => (await Curl(["-o", "/dev/null", "-w", "%{http_code}", "http://198.18.244.200/"])).Output == "200", deadline.Token), "the partner server did not start");

            // Declared: out through the egress gateway (its access log shows the request), answered by the partner.
            var declared = await Exec(client, deadline.Token, "curl", "-s", "--max-time", "10", "-w", " %{http_code}", "http://api.partner.test/");
            Assert.Matches(@"^partner-api v1\s+200$", declared.Trim());
            var gatewayLog = Path.Combine(_state.FullName, "pods", egress.Name, "sidecar.log");
            Assert.True(await HostPorts.Until(() => File.Exists(gatewayLog) && File.ReadAllText(gatewayLog).Contains("\"api.partner.test\" \"198.18.244.200:80\"", StringComparison.Ordinal), deadline.Token),
                "the egress gateway did not carry the request:\n" + (File.Exists(gatewayLog) ? File.ReadAllText(gatewayLog) : "(no log)"));

            // Undeclared: the same server by address, or by a name no ServiceEntry declares, is refused at the client's sidecar (REGISTRY_ONLY).
            Assert.Equal("502", (await Exec(client, deadline.Token, "curl", "-s", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}", "http://198.18.244.200/")).Trim());
            Assert.Equal("502", (await Exec(client, deadline.Token, "curl", "-s", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}",
                "--resolve", "other.partner.test:80:198.18.244.200", "http://other.partner.test/")).Trim());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await external.RemoveAllAsync(CancellationToken.None);
        }
        Assert.DoesNotContain(netns, (await _processes.RunAsync(new ProcessCommand("ip", "netns", "list"))).StandardOutput);
    }

    /// <summary><c>sbctl exec POD -- COMMAND</c>: inside the pod, as its app user (so captured by its sidecar).</summary>
    private async Task<string> Exec(PlannedPod pod, CancellationToken token, params string[] command)
    {
        var run = await Sbctl(token, ["exec", $"{pod.Namespace}/{pod.Name}", "--", .. command]);
        log.WriteLine($"exec {string.Join(' ', command)}: {run.ExitCode} {run.StandardOutput}{run.StandardError}");
        return run.StandardOutput;
    }

    /// <summary>The example's own certificate for api.example.com (self-signed, so it is its own CA), from the Secret in kubernetes.yaml.</summary>
    private static byte[] ExampleCertificate()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "payments", "kubernetes.yaml"));
        var match = Regex.Match(yaml, @"name: payment-tls-cert[\s\S]*?tls\.crt: (\S+)");
        Assert.True(match.Success, "no payment-tls-cert tls.crt in examples/payments/kubernetes.yaml");
        return Convert.FromBase64String(match.Groups[1].Value);
    }

    private async Task<(int ExitCode, string Output, string Error)> Curl(string[] args)
    {
        var run = await _processes.RunAsync(new ProcessCommand("curl", ["-s", "--max-time", "10", .. args]));
        return (run.ExitCode, run.StandardOutput, run.StandardError);
    }

    private Task<ProcessResult> Sbctl(CancellationToken token, params string[] args) => _processes.RunAsync(new ProcessCommand("dotnet", [_sbctl, .. args]), token);

    private string AppLog(PlannedPod pod)
    {
        var file = Path.Combine(_state.FullName, "pods", pod.Name, pod.Containers[0].Name + ".log");
        return File.Exists(file) ? File.ReadAllText(file) : "";
    }




}
