using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Processes;
using Switchboard.Runtime.Tests.TestSupport;
using Switchboard.Runtime.Up;
using Xunit.Abstractions;

namespace Switchboard.Runtime.Tests.Up;

/// <summary>
/// The seed's canary through <c>sbctl up</c> for real (examples/canary): payment-service v1 (2 pods) and v2 (1 pod)
/// behind STRICT mTLS, a VirtualService sending beta users to v2 and splitting the rest 95/5. From inside the checkout
/// pod (<c>sbctl exec</c>, as its app user, captured by its sidecar) the load client sends 400 requests: v2's share must
/// be what 5% of 400 can be, and a beta header must get v2 every time. Own bridge, 198.18.249.0/24 and state directory,
/// so it runs beside the other end-to-end tests; everything is taken down, and checked gone, at the end.
/// </summary>
[Collection(WholeMeshCollection.Name)]
public sealed class CanaryMeshTests(ITestOutputHelper log) : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("sb-canary-");
    private readonly ProcessRunner _processes = new();
    private readonly string _sbctl = TestMeshes.Sbctl;

    public void Dispose() => _state.Delete(recursive: true);

    [Fact]
    public async Task Canary_split_and_beta_header_hold_on_real_traffic_from_inside_a_pod()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Fail("sbctl up needs Linux and root (test.sh runs as root)");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var layout = TestMeshes.Layout("sbcan", "198.18.249.1");
        var http = HostPorts.FreePort();
        var options = TestMeshes.Options(Path.Combine(RepoPaths.Root, "examples", "canary"), _state.FullName, layout, http) with { NodeName = "canary-node" };
        IReadOnlyList<PlannedPod> pods;
        await using (var mesh = new LocalMesh(options, new StringWriter()))
        {
            await mesh.StartAsync(deadline.Token);
            pods = mesh.Pods;
            Assert.Equal(["checkout", "payment-service-v1", "payment-service-v1", "payment-service-v2"], pods.Select(p => p.Owner));
            // Apps start after their sidecar is ready and print "SERVICE VERSION POD serving" once listening: wait for all,
            // which also shows the runtime told each its pod's name.
            foreach (var pod in pods)
            {
                var version = pod.Labels["version"];
                Assert.True(await HostPorts.Until(() => AppLog(pod).StartsWith($"{pod.Labels["app"]} {version} {pod.Name} serving on :8080", StringComparison.Ordinal), deadline.Token),
                    $"{pod.Name} did not start: {AppLog(pod)}");
            }
            var checkout = $"production/{pods[0].Name}";

            var split = await LoadAsync(checkout, deadline.Token, "--rps", "100", "--duration", "4s");
            Assert.Equal(400, Count(split, "200"));
            var v1 = Count(split, "payment-service v1");
            var v2 = Count(split, "payment-service v2");
            Assert.Equal(400, v1 + v2);
            // Binomial(400, 0.05): mean 20, sd 4.4. 6..38 is beyond 3 sd both ways (a false failure is rarer than 1 in 5,000),
            // and a broken split (0%, 50%, 100%, ignoring weights) cannot land in it.
            Assert.InRange(v2, 6, 38);
            Assert.True(v1 > 0 && v2 > 0, split);

            var beta = await LoadAsync(checkout, deadline.Token, "--rps", "20", "--duration", "1s", "--header", "x-user-type: beta");
            Assert.Equal(20, Count(beta, "200"));
            Assert.Equal(20, Count(beta, "payment-service v2"));

            // The pods the control plane holds, as kubectl -o wide shows them: their address on this run's network and node.
            var get = await _processes.RunAsync(new ProcessCommand("dotnet", _sbctl, "get", "pods", "-n", "production", "-o", "wide", "--controlplane", $"http://127.0.0.1:{http}"), deadline.Token);
            log.WriteLine(get.StandardOutput);
            foreach (var pod in pods) Assert.Matches($@"{pod.Name}\s+Running\s+{Regex.Escape(pod.Address.ToString())}\s+canary-node", get.StandardOutput);
        }
        var namespaces = (await _processes.RunAsync(new ProcessCommand("ip", "netns", "list"))).StandardOutput;
        foreach (var pod in pods) Assert.DoesNotContain(pod.Netns, namespaces);
        Assert.NotEqual(0, (await _processes.RunAsync(new ProcessCommand("ip", "link", "show", layout.Bridge))).ExitCode);
    }

    /// <summary><c>sbctl exec POD -- sbctl x load http://payment-service:8080/ …</c>: the load client inside the pod, as its app user.</summary>
    private async Task<string> LoadAsync(string pod, CancellationToken token, params string[] flags)
    {
        var run = await _processes.RunAsync(new ProcessCommand("dotnet", [_sbctl, "exec", pod, "--", "sbctl", "x", "load", "http://payment-service:8080/", .. flags]), token);
        Assert.True(run.ExitCode == 0, $"load from {pod} failed ({run.ExitCode}): {run.StandardOutput}{run.StandardError}");
        log.WriteLine(run.StandardOutput);
        return run.StandardOutput;
    }

    /// <summary>The COUNT of a row of the load report (a status, or a "service version"), 0 when absent.</summary>
    private static int Count(string report, string key) =>
        Regex.Match(report, $@"^{Regex.Escape(key)}\s+(\d+)\s+[\d.]+%$", RegexOptions.Multiline) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    private string AppLog(PlannedPod pod)
    {
        var file = Path.Combine(_state.FullName, "pods", pod.Name, pod.Containers[0].Name + ".log");
        return File.Exists(file) ? File.ReadAllText(file) : "";
    }


}
