using Switchboard.Runtime.Tests.TestSupport;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Switchboard.Runtime.Processes;
using Xunit.Abstractions;

namespace Switchboard.Runtime.Tests.Up;

/// <summary>
/// <c>sbctl apply</c> changes a running <c>sbctl up</c>, as a user drives it: up started from a non-interactive shell in
/// the background (so SIGINT arrives ignored), a caller pod loading the echo service all along; echo scaled 2→3 (the new
/// pod, at a new address, answers), then 3→1 (two pods gone: their namespaces too), then a changed template (the pod
/// replaced), with not one non-200 answer for the caller; a Service applied later resolves in a pod that was already running; the live table shows it all; and
/// <c>kill -INT</c> takes everything down. Own bridge and 198.18.247.0/28: four pod addresses, so 3 echo pods and the caller
/// fill it, and the replacement pod reuses an address a stopped pod had while the caller's ARP cache still names it.
/// </summary>
[Collection(WholeMeshCollection.Name)]
public sealed class ScalingMeshTests(ITestOutputHelper log) : IDisposable
{
    private const string Echo = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: echo, namespace: scale }
        spec:
          replicas: REPLICAS
          selector: { matchLabels: { app: echo } }
          template:
            metadata: { labels: { app: echo, version: v1 } }
            spec:
              serviceAccountName: echo
              containers: [{ name: echo, image: example/echo:1, ports: [{ containerPort: 8080 }] }]
        """;

    private const string Mesh = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: scale, labels: { istio-injection: enabled } }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: echo, namespace: scale }
        spec: { selector: { app: echo }, ports: [{ name: http, port: 8080, targetPort: 8080 }] }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: caller, namespace: scale }
        spec:
          replicas: 1
          selector: { matchLabels: { app: caller } }
          template:
            metadata: { labels: { app: caller, version: v1 } }
            spec:
              serviceAccountName: caller
              containers: [{ name: caller, image: example/caller:1, ports: [{ containerPort: 8080 }] }]
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-scale-");
    private readonly ProcessRunner _processes = new();
    private readonly string _sbctl = Path.Combine(AppContext.BaseDirectory, "sbctl.dll");
    private readonly string _bridge = $"sbrt{Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..5]}";
    private readonly int _http = HostPorts.FreePort();
    private int? _up;

    private string State => Path.Combine(_dir.FullName, "state");
    private string Config => Path.Combine(_dir.FullName, "config");
    private string Output => Path.Combine(_dir.FullName, "up.log");
    private string ControlPlane => $"http://127.0.0.1:{_http}";

    public void Dispose()
    {
        // Whatever the test left (a failure halfway): the run itself, then what its ledger recorded.
        if (_up is { } pid && Alive(pid)) _processes.RunAsync(new ProcessCommand("kill", "-9", pid.ToString(CultureInfo.InvariantCulture))).GetAwaiter().GetResult();
        _processes.RunAsync(new ProcessCommand("dotnet", _sbctl, "down", "--state", State)).GetAwaiter().GetResult();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Apply_scales_a_running_mesh_up_and_down_without_failing_a_caller_and_SIGINT_takes_it_down()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Fail("sbctl up needs Linux and root (test.sh runs as root)");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var token = deadline.Token;
        Directory.CreateDirectory(Config);
        // The state lives in here: the sidecars (UID 1337) must be let through.
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(_dir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        await File.WriteAllTextAsync(Path.Combine(Config, "mesh.yaml"), Mesh + "\n---\n" + Echo.Replace("REPLICAS", "2"), token);

        // A shell without job control starts a background command with SIGINT ignored: the case Ctrl-C must survive.
        var started = await _processes.RunAsync(new ProcessCommand("bash", "-c",
            $"dotnet {_sbctl} up {Config} --state {State} --port {_http} --secure-port {HostPorts.FreePort()} --bridge {_bridge} --subnet 198.18.247.1/28 >{Output} 2>&1 </dev/null & echo $!"), token);
        _up = int.Parse(started.StandardOutput.Trim(), CultureInfo.InvariantCulture);

        var pods = await PodsUntil(p => p.Count(x => x.Name.StartsWith("echo-", StringComparison.Ordinal) && x.Status == "Running") == 2 && p.Any(x => x.Name.StartsWith("caller-", StringComparison.Ordinal)), token);
        var caller = pods.Single(p => p.Name.StartsWith("caller-", StringComparison.Ordinal)).Name;
        // A second up on the same state says the first is running, and leaves it be.
        var second = await _processes.RunAsync(new ProcessCommand("dotnet", _sbctl, "up", Config, "--state", State, "--port", HostPorts.FreePort().ToString(CultureInfo.InvariantCulture),
            "--bridge", _bridge, "--subnet", "198.18.247.1/28"), token);
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains($"sbctl up is already running with state {State}", second.StandardError);
        var before = pods.Where(p => p.Name.StartsWith("echo-", StringComparison.Ordinal)).ToList();

        // The caller's load runs through both scalings and the template change.
        const int Rps = 20, Seconds = 36;
        var load = _processes.RunAsync(new ProcessCommand("dotnet", _sbctl, "exec", $"scale/{caller}", "--", "sbctl", "x", "load", "http://echo:8080/",
            "--rps", Rps.ToString(CultureInfo.InvariantCulture), "--duration", $"{Seconds}s"), token);
        await Task.Delay(2000, token);

        await ApplyAsync(Echo.Replace("REPLICAS", "3"), token);
        pods = await PodsUntil(p => p.Count(x => x.Name.StartsWith("echo-", StringComparison.Ordinal) && x.Status == "Running") == 3, token);
        var added = Assert.Single(pods, p => p.Name.StartsWith("echo-", StringComparison.Ordinal) && before.All(b => b.Name != p.Name));
        Assert.DoesNotContain(added.Ip, pods.Where(p => p != added).Select(p => p.Ip));
        // The new pod serves the caller: 30 calls spread over three pods all reach it (missing it by chance: (2/3)^30).
        var calls = await ExecAsync(caller, token, "sh", "-c", "for i in $(seq 30); do curl -s --max-time 5 http://echo:8080/; echo; done");
        Assert.Contains($"echo v1 {added.Name}", calls);

        await ApplyAsync(Echo.Replace("REPLICAS", "1"), token);
        pods = await PodsUntil(p => p.Count(x => x.Name.StartsWith("echo-", StringComparison.Ordinal)) == 1, token);
        var kept = pods.Single(p => p.Name.StartsWith("echo-", StringComparison.Ordinal));
        var stopped = before.Append(added).Where(p => p.Name != kept.Name).ToList();
        Assert.Equal(2, stopped.Count);
        Assert.True(await HostPorts.Until(() => Task.FromResult(!stopped.Any(p => Namespaces().Contains($"sb-scale-{p.Name}"))), token), "the stopped pods' namespaces are still there");

        // A new template (an env var) replaces the last pod: the new one starts, and only then is the old one stopped.
        await ApplyAsync(Echo.Replace("REPLICAS", "1").Replace("ports: [{ containerPort: 8080 }]", "ports: [{ containerPort: 8080 }], env: [{ name: LATENCY, value: 1ms }]"), token);
        pods = await PodsUntil(p => p.Count(x => x.Name.StartsWith("echo-", StringComparison.Ordinal)) == 1 && p.All(x => x.Name != kept.Name), token);
        var replaced = pods.Single(p => p.Name.StartsWith("echo-", StringComparison.Ordinal));
        Assert.NotEqual(kept.Name.Split('-')[1], replaced.Name.Split('-')[1]); // the template hash in the name
        Assert.True(await HostPorts.Until(() => Task.FromResult(!Namespaces().Contains($"sb-scale-{kept.Name}")), token), "the replaced pod's namespace is still there");
        Assert.False(load.IsCompleted, "the load ended before the template change was through: it proves nothing about it");

        var report = (await load).StandardOutput;
        log.WriteLine(report);
        // Every request the caller made while echo scaled up and down and was replaced was answered 200 by echo: none
        // went to a pod that was not listening yet or was on its way out, nor into the void of a reused address.
        Assert.Equal(Rps * Seconds, Count(report, "200"));
        Assert.Equal(Rps * Seconds, Count(report, "echo v1"));

        // A Service applied now resolves inside the caller, whose pod (and hosts file) predates it. The file is rewritten
        // in place (same inode): the bind mount its running processes see over /etc/hosts shows the new text too.
        var hostsFile = $"/etc/netns/sb-scale-{caller}/hosts";
        var inode = await InodeAsync(hostsFile);
        await ApplyAsync("apiVersion: v1\nkind: Service\nmetadata: { name: echo-alias, namespace: scale }\nspec: { selector: { app: echo }, ports: [{ name: http, port: 8080 }] }\n", token);
        Assert.True(await HostPorts.Until(() => Task.FromResult(File.ReadAllText(hostsFile).Contains(" echo-alias ", StringComparison.Ordinal)), token), "the hosts file did not learn echo-alias");
        Assert.Equal(inode, await InodeAsync(hostsFile));
        // (and, once the control plane has pushed the new Service to the caller's sidecar, routes to the echo pod).
        var alias = "";
        Assert.True(await HostPorts.Until(async () => (alias = await ExecAsync(caller, token, "curl", "-s", "--max-time", "5", "http://echo-alias:8080/")).StartsWith($"echo v1 {replaced.Name}", StringComparison.Ordinal), token),
            $"echo-alias answered '{alias}'");

        // The live table (not a terminal here: printed on every change) showed the pods, ready 2/2, and the events.
        var table = await File.ReadAllTextAsync(Output, token);
        log.WriteLine(table);
        Assert.Matches($@"scale\s+{added.Name}\s+2/2\s+Running\s+0\s+{Regex.Escape(added.Ip)}\s+v1", table);
        Assert.Contains($"stopping scale/{stopped[0].Name}", table);
        Assert.Contains("sbctl exec scale/", table);

        Assert.Equal(0, (await _processes.RunAsync(new ProcessCommand("kill", "-INT", _up.Value.ToString(CultureInfo.InvariantCulture)), token)).ExitCode);
        Assert.True(await HostPorts.Until(() => Task.FromResult(!Alive(_up.Value)), token), "sbctl up ignored SIGINT");
        Assert.Contains("taking the mesh down", await File.ReadAllTextAsync(Output, token));
        Assert.DoesNotContain("sb-scale-", Namespaces());
        Assert.NotEqual(0, (await _processes.RunAsync(new ProcessCommand("ip", "link", "show", _bridge), token)).ExitCode);
    }

    private sealed record Pod(string Name, string Status, string Ip);

    /// <summary><c>sbctl get pods -n scale -o wide</c>, parsed, polled until <paramref name="condition"/> holds.</summary>
    private async Task<IReadOnlyList<Pod>> PodsUntil(Func<IReadOnlyList<Pod>, bool> condition, CancellationToken token)
    {
        IReadOnlyList<Pod> pods = [];
        var ok = await HostPorts.Until(async () =>
        {
            var get = await _processes.RunAsync(new ProcessCommand("dotnet", _sbctl, "get", "pods", "-n", "scale", "-o", "wide", "--controlplane", ControlPlane));
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
        var apply = await _processes.RunAsync(new ProcessCommand("dotnet", _sbctl, "apply", "-f", file, "--controlplane", ControlPlane), token);
        Assert.True(apply.Succeeded, apply.StandardError);
    }

    private async Task<string> ExecAsync(string pod, CancellationToken token, params string[] command)
    {
        var run = await _processes.RunAsync(new ProcessCommand("dotnet", [_sbctl, "exec", $"scale/{pod}", "--", .. command]), token);
        return run.StandardOutput;
    }

    private async Task<string> InodeAsync(string file) => (await _processes.RunAsync(new ProcessCommand("stat", "-c", "%i", file))).EnsureSuccess().StandardOutput.Trim();

    private string Namespaces() => _processes.RunAsync(new ProcessCommand("ip", "netns", "list")).GetAwaiter().GetResult().StandardOutput;

    private static int Count(string report, string key) =>
        Regex.Match(report, $@"^{Regex.Escape(key)}\s+(\d+)\s+[\d.]+%$", RegexOptions.Multiline) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);


}
