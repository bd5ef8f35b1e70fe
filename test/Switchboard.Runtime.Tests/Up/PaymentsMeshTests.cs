using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Switchboard.Runtime.Processes;
using Switchboard.Runtime.Tests.TestSupport;
using Xunit.Abstractions;

namespace Switchboard.Runtime.Tests.Up;

/// <summary>
/// The seed's scenario on <c>sbctl up examples/payments</c>, run as a user runs it (a real <c>sbctl up</c> process), with
/// real curl inside the pods (<c>sbctl exec</c>):
/// 1. checkout, with a JWT from the demo issuer: the 95/5 split within a binomial bound over 400 POSTs, beta users always v2;
/// 2. reporting-service (another service account), the same call: 403 RBAC: access denied;
/// 3. the uninjected mtls-debug-pod (no sidecar, no capture): its plain-text call reaches a payment pod and STRICT refuses it;
/// 4. the silent 503: the incident's VirtualService (subset v2-canary) applied to the running mesh gives 503 NC, which
///    <c>sbctl analyze</c> (IST0101) and <c>sbctl proxy-config cluster</c> (no such cluster) explain; the fix restores it;
/// 5. UID 1337 goes around checkout's sidecar (STRICT refuses it, and the sidecar never saw it) where UID 1000 does not;
///    the analyzer warns about such a Deployment (IST0144);
/// 6. <c>kill -9</c> of up, then <c>sbctl down</c>: no namespace, link, /etc/netns directory, rule or process is left.
/// Own bridge (sbseed…, 198.18.243.0/24), state directory, control-plane ports and gateway port offset.
/// </summary>
[Collection(WholeMeshCollection.Name)]
public sealed class PaymentsMeshTests(ITestOutputHelper log) : IDisposable
{
    private const string Charge = "http://payment-service:8080/api/v1/charge";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-payments-");
    private readonly ProcessRunner _processes = new();
    private readonly string _sbctl = Path.Combine(AppContext.BaseDirectory, "sbctl.dll");
    private readonly string _bridge = $"sbseed{Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..5]}";
    private readonly int _http = HostPorts.FreePort();
    private int? _up;
    private string _token = "";

    private string State => Path.Combine(_dir.FullName, "state");
    private string Output => Path.Combine(_dir.FullName, "up.log");
    private string ControlPlane => $"http://127.0.0.1:{_http}";
    private static string Example(params string[] parts) => Path.Combine([RepoPaths.Root, "examples", .. parts]);

    public void Dispose()
    {
        // Whatever a failure halfway left: the run itself, then what its ledger recorded.
        if (_up is { } pid && Alive(pid)) _processes.RunAsync(new ProcessCommand("kill", "-9", pid.ToString(CultureInfo.InvariantCulture))).GetAwaiter().GetResult();
        _processes.RunAsync(new ProcessCommand("dotnet", _sbctl, "down", "--state", State)).GetAwaiter().GetResult();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task The_seeds_payments_scenario_holds_on_real_traffic_and_kill_9_then_down_leaves_nothing()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Fail("sbctl up needs Linux and root (test.sh runs as root)");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var token = deadline.Token;
        // The state lives in here: the sidecars (UID 1337) must be let through.
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(_dir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        var started = await _processes.RunAsync(new ProcessCommand("bash", "-c",
            $"dotnet {_sbctl} up {Example("payments")} --state {State} --port {_http} --secure-port {HostPorts.FreePort()} --bridge {_bridge} " +
            $"--subnet 198.18.243.1/24 --gateway-port-offset {HostPorts.FreeOffset()} >{Output} 2>&1 </dev/null & echo $!"), token);
        _up = int.Parse(started.StandardOutput.Trim(), CultureInfo.InvariantCulture);

        var pods = await PodsUntil(p => p.Count(x => x.Status == "Running") == 6, token);
        var checkout = "production/" + pods.Single(p => p.Name.StartsWith("checkout-service-", StringComparison.Ordinal)).Name;
        var reporting = "production/" + pods.Single(p => p.Name.StartsWith("reporting-service-", StringComparison.Ordinal)).Name;
        var payments = pods.Where(p => p.Name.StartsWith("payment-service-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, payments.Count);
        Assert.Contains(pods, p => p.Name == "mtls-debug-pod"); // a bare Pod runs under its own name
        _token = (await Sbctl(token, "x", "jwt", "--key", Example("payments", "demo-issuer.key"), "--claim", "role=payment-processor")).StandardOutput.Trim();
        // The sidecars may still be getting the last pods as endpoints: wait for checkout's first good answer.
        Assert.True(await HostPorts.Until(async () => (await CallAsync(checkout, 1, token)).Codes.SequenceEqual(["200"]), token), "checkout never got a 200: " + await File.ReadAllTextAsync(Output, token));

        await SplitAndBetaHeader(checkout, token);
        await AnotherServiceAccountIsDenied(reporting, token);
        await PlainTextFromTheUninjectedPodIsRefused(payments, token);
        await TheSilent503(checkout, token);
        await Uid1337GoesAroundTheSidecar(checkout, payments, token);
        await Kill9ThenDownLeavesNothing(token);
    }

    /// <summary>1. Binomial(400, 0.05): mean 20, sd 4.4; 6..38 is beyond 3 sd both ways, and a broken split (0%, 50%, 100%) cannot land in it.</summary>
    private async Task SplitAndBetaHeader(string checkout, CancellationToken token)
    {
        var split = await CallAsync(checkout, 400, token);
        Assert.All(split.Codes, c => Assert.Equal("200", c));
        var v1 = split.Versions.Count(v => v == "v1");
        var v2 = split.Versions.Count(v => v == "v2");
        log.WriteLine($"split: v1 {v1}, v2 {v2}");
        Assert.Equal(400, v1 + v2);
        Assert.InRange(v2, 6, 38);

        var beta = await CallAsync(checkout, 20, token, "-H", "x-beta-user: true");
        Assert.Equal(20, beta.Codes.Count(c => c == "200"));
        Assert.Equal(20, beta.Versions.Count(v => v == "v2"));
    }

    /// <summary>2. The same token, from a pod running as reporting-service: payment-service-allow-checkout-only does not admit its identity.</summary>
    private async Task AnotherServiceAccountIsDenied(string reporting, CancellationToken token)
    {
        var denied = await Exec(reporting, token, "curl", "-s", "--max-time", "10", "-w", " %{http_code}", "-X", "POST", "-H", $"Authorization: Bearer {_token}", Charge);
        Assert.Equal("RBAC: access denied 403", denied.StandardOutput.Trim());
    }

    /// <summary>
    /// 3. mtls-debug-pod opts out of injection: no sidecar, no capture rules, its app (sleep) running at once. Without a
    /// proxy a Service VIP leads nowhere (no kube-proxy here), so its hosts file names a payment pod for payment-service
    /// (as a headless Service would): the seed's own command then sends plain text to that pod, whose sidecar's inbound
    /// under STRICT refuses it — the connection is closed without an answer (curl exit 52, no status).
    /// </summary>
    private async Task PlainTextFromTheUninjectedPodIsRefused(IReadOnlyList<Pod> payments, CancellationToken token)
    {
        Assert.False(File.Exists(Path.Combine(State, "pods", "mtls-debug-pod", "sidecar.log")), "the uninjected pod got a sidecar");
        var rules = await _processes.RunAsync(new ProcessCommand("ip", "netns", "exec", "sb-production-mtls-debug-pod", "iptables-save", "-t", "nat"), token);
        Assert.DoesNotContain("ISTIO_OUTPUT", rules.EnsureSuccess().StandardOutput);
        Assert.Matches(@"mtls-debug-pod\s+1/1\s+Running", await File.ReadAllTextAsync(Output, token));
        var hosts = await File.ReadAllTextAsync("/etc/netns/sb-production-mtls-debug-pod/hosts", token);
        var target = Regex.Match(hosts, @"^(\S+) payment-service ", RegexOptions.Multiline);
        Assert.True(target.Success, hosts);
        Assert.Contains(target.Groups[1].Value, payments.Select(p => p.Ip));

        var refused = await Exec("production/mtls-debug-pod", token, "curl", "-s", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}",
            "-X", "POST", "-H", $"Authorization: Bearer {_token}", Charge);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Equal("000", refused.StandardOutput.Trim());
    }

    /// <summary>
    /// 4. The incident's VirtualService (its canary share goes to subset v2-canary, which no DestinationRule defines) applied
    /// to the running mesh: that share fails 503 NC at checkout's sidecar and nothing reaches v2. analyze names the cause,
    /// proxy-config shows the cluster missing; the fixed routing applied back makes every call succeed again.
    /// </summary>
    private async Task TheSilent503(string checkout, CancellationToken token)
    {
        var incident = (await File.ReadAllTextAsync(Example("incidents", "subset-v2-canary", "config.yaml"), token)).Split("\n---\n").Single(d => d.Contains("kind: VirtualService", StringComparison.Ordinal));
        await ApplyAsync(incident, token);
        Assert.True(await HostPorts.Until(async () => (await CallAsync(checkout, 20, token)).Codes.Contains("503"), token), "the incident's routing never took effect");
        // Binomial(200, 0.05): no 503 at all has a chance of 1 in 28,000; more than 25 is beyond 4.8 sd.
        var broken = await CallAsync(checkout, 200, token);
        var failed = broken.Codes.Count(c => c == "503");
        log.WriteLine($"with v2-canary: {failed} of 200 got 503");
        Assert.InRange(failed, 1, 25);
        Assert.Equal(200, failed + broken.Codes.Count(c => c == "200"));
        Assert.All(broken.Versions, v => Assert.Equal("v1", v));

        var proxyLog = (await Sbctl(token, "logs", checkout, "-c", "proxy", "--state", State)).StandardOutput;
        Assert.Matches(@"""POST /api/v1/charge HTTP/1\.1"" 503 (NC|UH) ", proxyLog);

        var analyze = await Sbctl(token, "analyze", Example("incidents", "subset-v2-canary"));
        log.WriteLine(analyze.StandardOutput);
        Assert.Matches(@"Error \[IST0101\] \(VirtualService production/payment-service-routing [^)]*\) .*""payment-service\+v2-canary""", analyze.StandardOutput);

        var clusters = (await Sbctl(token, "proxy-config", "cluster", checkout, "--controlplane", ControlPlane)).StandardOutput;
        log.WriteLine(clusters);
        var subsets = Regex.Matches(clusters, @"^payment-service\.production\.svc\.cluster\.local\s+8080\s+(\S+)\s+outbound", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
        Assert.Equal(["-", "canary", "stable"], subsets);

        await ApplyAsync(await File.ReadAllTextAsync(Example("payments", "payment-traffic-policy.yaml"), token), token);
        Assert.True(await HostPorts.Until(async () => (await CallAsync(checkout, 40, token)).Codes.All(c => c == "200"), token), "the fixed routing never took effect");
        var fixedUp = await CallAsync(checkout, 200, token);
        Assert.All(fixedUp.Codes, c => Assert.Equal("200", c));
        Assert.Contains("v2", fixedUp.Versions);
    }

    /// <summary>
    /// 5. The capture rules exempt the proxy's UID, so anything running as 1337 in a pod goes out unseen. Both calls go to
    /// a payment pod's address (curl --connect-to, so nothing is sent to an address outside this bridge): as UID 1000
    /// checkout's sidecar takes it (an access-log line with its request id; mTLS, so 200); as 1337 it leaves in plain
    /// text — STRICT refuses it, and checkout's sidecar never logged it.
    /// </summary>
    private async Task Uid1337GoesAroundTheSidecar(string checkout, IReadOnlyList<Pod> payments, CancellationToken token)
    {
        var analyze = await Sbctl(token, "analyze", Example("incidents", "uid-1337"));
        Assert.Contains("Warning [IST0144] (Deployment production/metrics-exporter", analyze.StandardOutput);

        var target = payments[0].Ip;
        async Task<(ProcessResult Result, string Id)> AsUser(int uid)
        {
            var id = $"uid-{uid}-{Guid.NewGuid():N}";
            var run = await Sbctl(token, "exec", "--user", uid.ToString(CultureInfo.InvariantCulture), checkout, "--", "curl", "-s", "--max-time", "10", "-w", " %{http_code}",
                "--connect-to", $"payment-service:8080:{target}:8080", "-H", $"x-request-id: {id}", "-X", "POST", "-H", $"Authorization: Bearer {_token}", Charge);
            log.WriteLine($"as {uid}: exit {run.ExitCode} {run.StandardOutput}");
            return (run, id);
        }
        var proxyLog = Path.Combine(State, "pods", checkout.Split('/')[1], "sidecar.log");

        var app = await AsUser(1000);
        Assert.Matches(@"^payment-service v\d \S+\s+200$", app.Result.StandardOutput.Trim());
        Assert.True(await HostPorts.Until(() => Task.FromResult(File.ReadAllText(proxyLog).Contains(app.Id, StringComparison.Ordinal)), token), "checkout's sidecar did not log the UID 1000 call");

        var proxyUser = await AsUser(1337);
        Assert.NotEqual(0, proxyUser.Result.ExitCode);
        Assert.EndsWith("000", proxyUser.Result.StandardOutput.Trim());
        await Task.Delay(1000, token); // the sidecar's log line, had it seen the call, is written as the call ends
        Assert.DoesNotContain(proxyUser.Id, await File.ReadAllTextAsync(proxyLog, token));
    }

    /// <summary>
    /// 6. <c>kill -9</c> leaves up no chance to clean anything: its pods' processes live on (shown), and it is
    /// <c>sbctl down</c>, reading the ledger, that must stop them (by <c>ip netns pids</c> of each pod's namespace) and
    /// remove every namespace, link and /etc/netns directory. The runtime makes no rule in the root namespace: none is there.
    /// </summary>
    private async Task Kill9ThenDownLeavesNothing(CancellationToken token)
    {
        var ledger = (await File.ReadAllLinesAsync(Path.Combine(State, "ledger"), token)).Select(l => l.Split(' ', 2)).ToList();
        var namespaces = ledger.Where(l => l[0] == "Netns").Select(l => l[1]).ToList();
        var links = ledger.Where(l => l[0] is "Link" or "Bridge").Select(l => l[1]).ToList();
        var directories = ledger.Where(l => l[0] == "Directory").Select(l => l[1]).ToList();
        Assert.Equal(7, namespaces.Count);
        Assert.Contains(_bridge, links);
        var processes = new List<(int Pid, string Start)>();
        foreach (var netns in namespaces)
        {
            var pids = (await _processes.RunAsync(new ProcessCommand("ip", "netns", "pids", netns), token)).EnsureSuccess().StandardOutput;
            processes.AddRange(pids.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).Select(p => (p, StartTime(p))));
        }
        // Every pod's app, and the sidecar of all but the debug pod (the gateway is one process).
        Assert.True(processes.Count >= 12, $"only {processes.Count} processes in the pods' namespaces");

        Assert.Equal(0, (await _processes.RunAsync(new ProcessCommand("kill", "-9", _up!.Value.ToString(CultureInfo.InvariantCulture)), token)).ExitCode);
        Assert.True(await HostPorts.Until(() => Task.FromResult(!Alive(_up.Value)), token), "sbctl up survived kill -9");
        Assert.All(processes, p => Assert.True(Running(p), $"process {p.Pid} of a pod died with up: down proves nothing about it"));

        var down = await Sbctl(token, "down", "--state", State);
        Assert.True(down.ExitCode == 0, down.StandardOutput + down.StandardError);
        Assert.True(await HostPorts.Until(() => Task.FromResult(!processes.Any(Running)), token), "processes left: " + string.Join(", ", processes.Where(Running).Select(p => p.Pid)));
        var netnsList = (await _processes.RunAsync(new ProcessCommand("ip", "netns", "list"), token)).StandardOutput;
        Assert.All(namespaces, n => Assert.DoesNotContain(n, netnsList));
        foreach (var link in links) Assert.NotEqual(0, (await _processes.RunAsync(new ProcessCommand("ip", "link", "show", link), token)).ExitCode);
        Assert.All(directories, d => Assert.False(Directory.Exists(d), d));
        var rules = (await _processes.RunAsync(new ProcessCommand("iptables-save"), token)).StandardOutput;
        Assert.DoesNotContain("198.18.243.", rules);
        Assert.DoesNotContain(_bridge, rules);
        // Nothing anywhere still names this run's state (the sidecars did, by their token file).
        var leftover = Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(d => d!.All(char.IsAsciiDigit)).Where(d => CommandLine(d!).Contains(State, StringComparison.Ordinal)).ToList();
        Assert.Empty(leftover);
        _up = null;
    }

    private sealed record Pod(string Name, string Status, string Ip);

    private sealed record Calls(IReadOnlyList<string> Codes, IReadOnlyList<string> Versions);

    /// <summary>
    /// <c>sbctl exec POD -- curl</c> of N charges in one invocation (as the app user: captured), each answer followed by
    /// its status: the status codes, and the versions of payment-service that answered.
    /// </summary>
    private async Task<Calls> CallAsync(string pod, int count, CancellationToken token, params string[] extra)
    {
        var run = await Exec(pod, token, ["curl", "-s", "--max-time", "10", "-w", "|%{http_code}\n", "-X", "POST", "-H", $"Authorization: Bearer {_token}", .. extra, .. Enumerable.Repeat(Charge, count)]);
        var text = run.StandardOutput;
        var codes = Regex.Matches(text, @"\|(\d{3})$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        var versions = Regex.Matches(text, @"^payment-service (v\d) ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        return new Calls(codes, versions);
    }

    private async Task<ProcessResult> Exec(string pod, CancellationToken token, params string[] command) => await Sbctl(token, ["exec", pod, "--", .. command]);

    private Task<ProcessResult> Sbctl(CancellationToken token, params string[] args) => _processes.RunAsync(new ProcessCommand("dotnet", [_sbctl, .. args]), token);

    /// <summary><c>sbctl get pods -n production -o wide</c>, parsed, polled until <paramref name="condition"/> holds.</summary>
    private async Task<IReadOnlyList<Pod>> PodsUntil(Func<IReadOnlyList<Pod>, bool> condition, CancellationToken token)
    {
        IReadOnlyList<Pod> pods = [];
        var ok = await HostPorts.Until(async () =>
        {
            var get = await Sbctl(CancellationToken.None, "get", "pods", "-n", "production", "-o", "wide", "--controlplane", ControlPlane);
            pods = get.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(c => c.Length >= 3).Select(c => new Pod(c[0], c[1], c[2])).ToList();
            return condition(pods);
        }, token);
        Assert.True(ok, $"pods never got there: {string.Join(", ", pods)}; up said: {(File.Exists(Output) ? File.ReadAllText(Output) : "")}");
        return pods;
    }

    private async Task ApplyAsync(string yaml, CancellationToken token)
    {
        var file = Path.Combine(_dir.FullName, $"apply-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml, token);
        var apply = await Sbctl(token, "apply", "-f", file, "--controlplane", ControlPlane);
        Assert.True(apply.Succeeded, apply.StandardOutput + apply.StandardError);
    }

    /// <summary>The process's start time (/proc/PID/stat field 22), so a reused PID is not taken for the one recorded.</summary>
    private static string StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static bool Running((int Pid, string Start) process) => Alive(process.Pid) && StartTime(process.Pid) == process.Start;

    private static string CommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }




}
