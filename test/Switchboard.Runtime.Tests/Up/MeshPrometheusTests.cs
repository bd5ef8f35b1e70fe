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
/// The seed's canary observed the way Istio users observe it: Debian's real Prometheus, on loopback, scrapes every
/// sidecar's 15090 <c>/stats/prometheus</c> on its pod address (across the bridge, as Kubernetes service discovery
/// would), while the load client drives traffic from inside the checkout pod. Through PromQL over the HTTP API:
/// every sidecar is up; the destination reporters' raw counters equal what the load client counted (all of it, v2's
/// share exactly); <c>sum(rate(istio_requests_total{destination_version="v2",reporter="destination"}[1m]))</c> is about
/// 5% of the total; every request under STRICT carries <c>connection_security_policy="mutual_tls"</c>; and the 403s of
/// an AuthorizationPolicy deny (a test fixture beside examples/canary) carry <c>response_code="403"</c>. Own bridge on
/// 198.18.248.0/24 and state directory; Prometheus is stopped and its data removed, the mesh taken down, at the end.
/// </summary>
public sealed class MeshPrometheusTests(ITestOutputHelper log) : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("sb-telemetry-");
    private readonly DirectoryInfo _config = Directory.CreateTempSubdirectory("sb-telemetry-config-");
    private readonly ProcessRunner _processes = new();
    private readonly string _sbctl = Path.Combine(AppContext.BaseDirectory, "sbctl.dll");

    public void Dispose()
    {
        _state.Delete(recursive: true);
        _config.Delete(recursive: true);
    }

    [Fact]
    public async Task Prometheus_sees_the_canary_split_mutual_TLS_and_authorization_denials()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Fail("sbctl up needs Linux and root (test.sh runs as root)");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var token = deadline.Token;
        // The seed's canary as shipped, plus a deny policy from this test project (examples stay what users read).
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "examples", "canary"), "*.yaml"))
            File.Copy(file, Path.Combine(_config.FullName, Path.GetFileName(file)));
        File.Copy(RepoPaths.Project("Up", "Fixtures", "deny-internal.yaml"), Path.Combine(_config.FullName, "deny-internal.yaml"));
        var layout = new NetworkLayout { Bridge = $"sbtel{Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..5]}", Gateway = IPAddress.Parse("198.18.248.1"), PrefixLength = 24 };
        var http = FreePort();
        var options = new LocalMeshOptions(_config.FullName, _state.FullName)
        {
            Layout = layout,
            Http = new IPEndPoint(IPAddress.Loopback, http),
            SecurePort = FreePort(),
            Proxy = ["dotnet", Path.Combine(AppContext.BaseDirectory, "switchboard-proxy.dll")],
            SampleApp = ["dotnet", _sbctl, "x", "sample-app"],
            NodeName = "telemetry-node",
        };
        IReadOnlyList<PlannedPod> pods;
        await using (var mesh = new LocalMesh(options, new StringWriter()))
        {
            await mesh.StartAsync(token);
            pods = mesh.Pods;
            foreach (var pod in pods)
                Assert.True(await Until(() => AppLog(pod).Contains("serving on :8080", StringComparison.Ordinal), token), $"{pod.Name} did not start: {AppLog(pod)}");
            var checkout = $"production/{Assert.Single(pods, p => p.Deployment == "checkout").Name}";

            // Each sidecar's metrics port on its pod address, labelled with the pod as Kubernetes discovery would.
            var targets = pods.Select(p => new ScrapeTarget($"{p.Address}:15090", new Dictionary<string, string> { ["pod"] = p.Name, ["namespace"] = p.Namespace })).ToList();
            await using var prometheus = await PrometheusServer.StartAsync(targets, token);
            Assert.True(await Until(async () => await prometheus.ScalarAsync("sum(up{job=\"sidecars\"})", token) == pods.Count, token),
                $"not every sidecar's 15090 was scraped: {string.Join(", ", (await prometheus.QueryAsync("up", token)).Select(s => $"{s.Labels["instance"]}={s.Value}"))}\n{prometheus.Log}");

            var split = await LoadAsync(checkout, "/", token, "--rps", "100", "--duration", "6s");
            Assert.Equal(600, Count(split, "200"));
            var v2 = Count(split, "payment-service v2");
            var denied = await LoadAsync(checkout, "/internal/settle", token, "--rps", "20", "--duration", "1s");
            Assert.Equal(20, Count(denied, "403"));

            // Wait for the scrape that follows the last request: then the raw counters must equal the client's counts exactly.
            Assert.True(await Until(async () => await prometheus.ScalarAsync($"sum({Served()})", token) == 620, token),
                $"the destination reporters did not count 620 requests: {await prometheus.ScalarAsync($"sum({Served()})", token)}");
            Assert.Equal(v2, await prometheus.ScalarAsync("sum(istio_requests_total{reporter=\"destination\",destination_version=\"v2\",response_code=\"200\"})", token));
            Assert.Equal(600 - v2, await prometheus.ScalarAsync("sum(istio_requests_total{reporter=\"destination\",destination_version=\"v1\",response_code=\"200\"})", token));

            // The issue's query. The load was Binomial(600, 0.05) (mean 30, sd 5.3): 3.5 sd both ways is 11..49, 1.8%..8.2%,
            // widened to 1.5%..9% for rate()'s per-series extrapolation; a broken split (0%, 50%, 100%) cannot land there.
            var v2Rate = await prometheus.ScalarAsync("sum(rate(istio_requests_total{destination_version=\"v2\",reporter=\"destination\",response_code=\"200\"}[1m]))", token);
            var allRate = await prometheus.ScalarAsync("sum(rate(istio_requests_total{reporter=\"destination\",response_code=\"200\"}[1m]))", token);
            log.WriteLine($"v2: {v2} of 600 by the load client; by PromQL rate {v2Rate:F3}/s of {allRate:F3}/s = {100 * v2Rate / allRate:F2}%");
            Assert.InRange(v2Rate / allRate, 0.015, 0.09);

            // STRICT: every request the servers saw came over mutual TLS, none in plain text.
            Assert.Equal(620, await prometheus.ScalarAsync($"sum({Served(",connection_security_policy=\"mutual_tls\"")})", token));
            Assert.Equal(0, await prometheus.ScalarAsync($"sum({Served(",connection_security_policy!=\"mutual_tls\"")})", token));

            // The deny: the server-side proxy answered 403 itself (the app never saw it), and both reporters say 403.
            Assert.Equal(20, await prometheus.ScalarAsync($"sum({Served(",response_code=\"403\"")})", token));
            var source = await prometheus.QueryAsync("istio_requests_total{reporter=\"source\",response_code=\"403\"}", token);
            Assert.True(source.Sum(s => s.Value) == 20 && source.All(s => s.Labels["source_workload"] == "checkout"),
                string.Join("\n", source.Select(s => string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}")) + " " + s.Value)));
            // Workloads are named as Istio names them (the Deployment, not the pod), and each pod's series stay its own (the
            // scrape's pod label): the two v1 pods are one workload, two series.
            var workloads = await prometheus.QueryAsync($"sum by (destination_workload) ({Served()})", token);
            Assert.Equal(["payment-service-v1", "payment-service-v2"], workloads.Select(w => w.Labels["destination_workload"]).Order(StringComparer.Ordinal));
            Assert.Equal(2, (await prometheus.QueryAsync("sum by (pod) (istio_requests_total{reporter=\"destination\",destination_version=\"v1\"})", token)).Count);
        }
        var namespaces = (await _processes.RunAsync(new ProcessCommand("ip", "netns", "list"))).StandardOutput;
        foreach (var pod in pods) Assert.DoesNotContain(pod.Netns, namespaces);
        Assert.NotEqual(0, (await _processes.RunAsync(new ProcessCommand("ip", "link", "show", layout.Bridge))).ExitCode);
    }

    /// <summary>The requests payment-service's own sidecars served (the destination reporter), narrowed by more matchers.</summary>
    private static string Served(string more = "") => $"istio_requests_total{{reporter=\"destination\",destination_service_name=\"payment-service\"{more}}}";

    /// <summary><c>sbctl exec POD -- sbctl x load http://payment-service:8080PATH …</c>: the load client inside the pod, as its app user.</summary>
    private async Task<string> LoadAsync(string pod, string path, CancellationToken token, params string[] flags)
    {
        var run = await _processes.RunAsync(new ProcessCommand("dotnet", [_sbctl, "exec", pod, "--", "sbctl", "x", "load", $"http://payment-service:8080{path}", .. flags]), token);
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

    private static Task<bool> Until(Func<bool> condition, CancellationToken token) => Until(() => Task.FromResult(condition()), token);

    private static async Task<bool> Until(Func<Task<bool>> condition, CancellationToken token)
    {
        while (!await condition())
        {
            if (token.IsCancellationRequested) return false;
            await Task.Delay(200, CancellationToken.None);
        }
        return true;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
