using Switchboard.Runtime.Tests.TestSupport;
using System.Net;
using System.Net.Sockets;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Processes;
using Switchboard.Runtime.Up;
using Xunit.Abstractions;

namespace Switchboard.Runtime.Tests.Up;

/// <summary>
/// Jobs on <c>sbctl up</c>: a Job applied to the running mesh runs its pod once — its command curls a service through
/// its sidecar and exits — and the pod then finishes (its sidecar told to quit, its namespace gone) and shows Completed,
/// in the live status and in <c>sbctl get pods</c>; a failing Job with restartPolicy Never gets a new pod per failure,
/// backoffLimit + 1 pods in all, all shown Error; deleting a Job removes its pods. Own bridge and 198.18.247.128/25.
/// </summary>
[Collection(WholeMeshCollection.Name)]
public sealed class JobMeshTests(ITestOutputHelper log) : IDisposable
{
    private const string Mesh = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: jobs, labels: { istio-injection: enabled } }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: echo, namespace: jobs }
        spec: { selector: { app: echo }, ports: [{ name: http, port: 8080, targetPort: 8080 }] }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: echo, namespace: jobs }
        spec:
          replicas: 1
          selector: { matchLabels: { app: echo } }
          template:
            metadata: { labels: { app: echo, version: v1 } }
            spec: { containers: [{ name: echo, image: example/echo:1, ports: [{ containerPort: 8080 }] }] }
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: { name: fail, namespace: jobs }
        spec:
          backoffLimit: 1
          template:
            spec:
              restartPolicy: Never
              containers: [{ name: fail, image: busybox, command: [sh, -c, "echo failing; exit 3"] }]
        """;

    private const string Ping = """
        apiVersion: batch/v1
        kind: Job
        metadata: { name: ping, namespace: jobs }
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{ name: ping, image: curl, command: [sh, -c, "curl -sf --max-time 5 http://echo:8080/ && echo reached"] }]
        """;

    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("sb-jobs-");
    private readonly DirectoryInfo _config = Directory.CreateTempSubdirectory("sb-jobs-config-");
    private readonly ProcessRunner _processes = new();
    private readonly string _sbctl = TestMeshes.Sbctl;

    public void Dispose()
    {
        _state.Delete(recursive: true);
        _config.Delete(recursive: true);
    }

    [Fact]
    public async Task A_job_runs_to_completion_through_the_mesh_and_does_not_hang_on_its_sidecar()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Fail("sbctl up needs Linux and root (test.sh runs as root)");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var token = deadline.Token;
        await File.WriteAllTextAsync(Path.Combine(_config.FullName, "mesh.yaml"), Mesh, token);
        var http = HostPorts.FreePort();
        var options = TestMeshes.Options(_config.FullName, _state.FullName, TestMeshes.Layout("sbrt", "198.18.247.129", 25), http);
        await using var mesh = new LocalMesh(options, new StringWriter());
        await mesh.StartAsync(token);

        // The failing Job: a new pod per failure, backoffLimit (1) + 1 of them, all Error, and then no more.
        Assert.True(await HostPorts.Until(() => mesh.Status().Count(p => p.Name.StartsWith("fail-", StringComparison.Ordinal) && p.Status == "Error") == 2, token), Table(mesh));
        await Task.Delay(1000, token);
        Assert.Equal(2, mesh.Status().Count(p => p.Name.StartsWith("fail-", StringComparison.Ordinal)));

        var file = Path.Combine(_state.FullName, "ping.yaml"); // not in the config directory: applied later
        await File.WriteAllTextAsync(file, Ping, token);
        Assert.True((await Sbctl(http, token, "apply", "-f", file)).Succeeded);
        Assert.True(await HostPorts.Until(() => mesh.Status().Any(p => p.Name.StartsWith("ping-", StringComparison.Ordinal) && p.Status == "Completed"), token), Table(mesh));
        var ping = mesh.Status().Single(p => p.Name.StartsWith("ping-", StringComparison.Ordinal));
        log.WriteLine(Table(mesh));
        // It ran once, reached echo through its sidecar (captured, mTLS), and its pod is gone from the network: the
        // sidecar did not keep it running.
        var output = await File.ReadAllTextAsync(Path.Combine(_state.FullName, "pods", ping.Name, "ping.log"), token);
        Assert.Matches(@"^echo v1 echo-[0-9a-f]{10}-[a-z0-9]{5}\s+reached\s*$", output);
        Assert.Equal((0, 2, 0), (ping.Ready, ping.Containers, ping.Restarts));
        Assert.DoesNotContain($"sb-jobs-{ping.Name}", (await _processes.RunAsync(new ProcessCommand("ip", "netns", "list"), token)).StandardOutput);
        Assert.Contains("inbound|8080||", await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(_state.FullName, "pods"), "sidecar.log", SearchOption.AllDirectories).Single(f => f.Contains("/echo-", StringComparison.Ordinal)), token));

        var get = (await Sbctl(http, token, "get", "pods", "-n", "jobs")).StandardOutput;
        log.WriteLine(get);
        Assert.Matches($@"{ping.Name}\s+Completed", get);
        Assert.Equal(2, get.Split('\n').Count(l => l.StartsWith("fail-", StringComparison.Ordinal) && l.Contains(" Error", StringComparison.Ordinal)));

        // Deleting the Job removes its (finished) pod, from the runtime and from the store.
        Assert.True((await Sbctl(http, token, "delete", "-f", file)).Succeeded);
        Assert.True(await HostPorts.Until(() => mesh.Status().All(p => p.Name != ping.Name), token), Table(mesh));
        Assert.DoesNotContain(ping.Name, (await Sbctl(http, token, "get", "pods", "-n", "jobs")).StandardOutput);
    }

    private Task<ProcessResult> Sbctl(int http, CancellationToken token, params string[] args) =>
        _processes.RunAsync(new ProcessCommand("dotnet", [_sbctl, .. args, "--controlplane", $"http://127.0.0.1:{http}"]), token);

    private static string Table(LocalMesh mesh) =>
        string.Join("\n", mesh.Status().Select(p => $"{p.Name} {p.Ready}/{p.Containers} {p.Status} {p.Restarts}")) + "\n" + string.Join("\n", mesh.Events.Recent(20));


}
