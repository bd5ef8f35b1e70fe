using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Config;
using Switchboard.Config.Loading;
using Switchboard.Config.Source;
using Switchboard.ControlPlane.Hosting;
using Switchboard.ControlPlane.Store;
using Switchboard.Identity.Spiffe;
using Switchboard.Runtime.Capture;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Up;

/// <summary>
/// The whole mesh on one machine (<c>sbctl up</c>), in DESIGN.md §3–§5's order:
/// 1. remove whatever a previous run left (its ledger), then make the bridge;
/// 2. start the control plane (config store in the state directory, seeded from the config directory; TLS port on the
///    bridge address so pods reach it);
/// 3. per pod: the Pod object (status.podIP) into the store, its network namespace, hosts file and capture rules, a
///    bootstrap token (0600, owned by the proxy's UID) and the mesh root, then its sidecar as UID 1337 — and only once
///    the sidecar is ready, its containers as their own user (startup ordering right by default);
/// 4. on stop: apps first, then sidecars (they drain after their app has exited), then the control plane, then every
///    namespace, link and file the ledger recorded.
/// </summary>
public sealed class LocalMesh(LocalMeshOptions options, TextWriter output) : IAsyncDisposable
{
    private readonly ProcessRunner _processes = new();
    private readonly List<Supervisor> _apps = [];
    private readonly List<Supervisor> _sidecars = [];
    private readonly List<LoopbackForwarder> _exposed = [];
    private WebApplication? _controlPlane;
    private FileStream? _lock;
    private PodNetworks? _networks;

    public IReadOnlyList<PlannedPod> Pods { get; private set; } = [];

    public async Task StartAsync(CancellationToken token)
    {
        Directory.CreateDirectory(options.StateDirectory);
        // Sidecars (UID 1337) must reach their own pod directory, and list nothing: traverse-only for others.
        Traversable(options.StateDirectory);
        // One run per state directory: a second up must not tear down the first one's pods as leftovers.
        try
        {
            _lock = new FileStream(Path.Combine(options.StateDirectory, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new AlreadyRunningException($"sbctl up is already running with state {options.StateDirectory} (sbctl down --state {options.StateDirectory} after a crash)");
        }
        var state = new RuntimeState(Path.Combine(options.StateDirectory, "ledger"));
        _networks = new PodNetworks(_processes, options.Layout, state);
        await _networks.RemoveAllAsync(token);
        await _networks.EnsureBridgeAsync(token);

        var loaded = new ConfigLoader().Load([options.ConfigDirectory]);
        if (loaded.Problems.Any(p => p.Kind is ProblemKind.Schema or ProblemKind.Unparseable))
            throw new InvalidDataException("the config directory has errors (sbctl analyze shows them): " + string.Join("; ", loaded.Problems.Take(3).Select(p => p.Message)));
        _controlPlane = ControlPlaneHost.Build(new ControlPlaneOptions(Path.Combine(options.StateDirectory, "store"))
        {
            Http = options.Http,
            Discovery = new IPEndPoint(IPAddress.Loopback, 0),
            Secure = new IPEndPoint(options.Layout.Gateway, options.SecurePort),
        }, out var store);
        await _controlPlane.StartAsync(token);
        foreach (var file in loaded.Files) Ensure(store.Apply(await File.ReadAllTextAsync(file, token), file));

        var identity = _controlPlane.Services.GetRequiredService<ControlPlaneIdentity>();
        Pods = PodPlan.Pods(loaded.Resources, options.Layout, options.SampleApp, options.Random);
        foreach (var pod in Pods) Ensure(store.Apply(PodPlan.PodYaml(pod, options.NodeName), pod.Name));
        foreach (var pod in Pods) await StartPodAsync(pod, loaded.Resources, identity, token);
        output.WriteLine($"{"NAMESPACE",-14} {"POD",-44} {"IP",-15} SIDECAR");
        foreach (var pod in Pods) output.WriteLine($"{pod.Namespace,-14} {pod.Name,-44} {pod.Address,-15} {(pod.IsGateway ? "gateway" : "ready")}");
        ExposeGateways(loaded.Resources);
    }

    /// <summary>The gateway Services' ports on the host's loopback (<see cref="LoopbackForwarder"/>), as an external client reaches them.</summary>
    private void ExposeGateways(IReadOnlyList<Resource> resources)
    {
        foreach (var exposure in GatewayExposurePlan.Plan(resources, Pods, options.GatewayPortOffset))
        {
            try
            {
                _exposed.Add(LoopbackForwarder.Start(exposure.HostPort, exposure.Targets));
                output.WriteLine($"gateway {exposure.Service} port {exposure.ServicePort}: 127.0.0.1:{exposure.HostPort} -> {string.Join(", ", exposure.Targets)}");
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                output.WriteLine($"gateway {exposure.Service} port {exposure.ServicePort}: not exposed, 127.0.0.1:{exposure.HostPort} is taken ({ex.SocketErrorCode})");
            }
        }
    }

    private async Task StartPodAsync(PlannedPod pod, IReadOnlyList<Resource> resources, ControlPlaneIdentity identity, CancellationToken token)
    {
        var spec = new PodNetworkSpec(pod.Netns, pod.Address, PodPlan.ServiceHosts(resources, pod.Namespace));
        await _networks!.CreateAsync(pod.Name, spec, token);
        // A gateway pod is the proxy itself, reached at its own ports: nothing to capture.
        if (!pod.IsGateway)
        {
            var capture = CaptureOptions.FromAnnotations(pod.Annotations, new CaptureOptions { ProxyUid = options.ProxyUid, ProxyGid = options.ProxyUid });
            await new CaptureRunner(_processes).ApplyAsync(capture, pod.Netns, dryRun: false, token);
        }

        var dir = Path.Combine(options.StateDirectory, "pods", pod.Name);
        Directory.CreateDirectory(dir);
        Traversable(Path.Combine(options.StateDirectory, "pods"));
        Traversable(dir);
        var tokenFile = Path.Combine(dir, "token");
        var rootFile = Path.Combine(dir, "root-cert.pem");
        await File.WriteAllTextAsync(rootFile, identity.Ca.RootPem, token);
        await WriteSecretAsync(tokenFile, identity.Tokens.Issue(new WorkloadIdentity(pod.Namespace, pod.ServiceAccount), pod.Name, TimeSpan.FromHours(24)));

        var secure = $"https://{options.Layout.Gateway}:{options.SecurePort}";
        var sidecar = PodProcess.Command(pod.Netns, options.ProxyUid, [.. options.Proxy, "--discovery", secure, "--ca", secure, "--root-cert", rootFile, "--token-file", tokenFile,
            "--workload", $"{pod.Namespace}/{pod.Name}", "--bind", "0.0.0.0", .. RoleArguments(pod)], new Dictionary<string, string>());
        _sidecars.Add(new Supervisor(sidecar, Path.Combine(dir, "sidecar.log"), new SupervisorOptions { InitialBackoff = TimeSpan.FromSeconds(1) }));
        if (!await ReadyAsync(pod, token))
        {
            var log = Path.Combine(dir, "sidecar.log");
            var tail = File.Exists(log) ? string.Join("\n", File.ReadLines(log).TakeLast(5)) : "(no output)";
            throw new TimeoutException($"the sidecar of {pod.Namespace}/{pod.Name} did not get ready; the end of {log}:\n{tail}");
        }
        foreach (var container in pod.Containers)
        {
            var uid = container.RunAsUser is { } u && u != options.ProxyUid ? (int)u : options.AppUid;
            _apps.Add(new Supervisor(PodProcess.Command(pod.Netns, uid, container.Command, container.Env), Path.Combine(dir, container.Name + ".log"),
                new SupervisorOptions { InitialBackoff = TimeSpan.FromSeconds(1) }));
        }
    }

    /// <summary>A sidecar's captured listeners, or a gateway's role and ports.</summary>
    private static IEnumerable<string> RoleArguments(PlannedPod pod) => pod.GatewayPorts is { } ports
        ? ["--role", "gateway", "--outbound-port", "15001", .. ports.SelectMany(p => new[] { "--gateway-port", p.ToString(System.Globalization.CultureInfo.InvariantCulture) })]
        : ["--inbound-port", "15006", "--outbound-port", "15001"];

    /// <summary>The sidecar's readiness (15021) seen from the host across the bridge.</summary>
    private static async Task<bool> ReadyAsync(PlannedPod pod, CancellationToken token)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://{pod.Address}:15021/healthz/ready", token)).IsSuccessStatusCode) return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not yet
            }
            await Task.Delay(200, token);
        }
        return false;
    }

    private async Task WriteSecretAsync(string file, string text)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException();
        // Created 0600 from the first byte, then handed to the sidecar's UID: it must read its token, nobody else.
        await using (var stream = new FileStream(file, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text));
        (await _processes.RunAsync(new ProcessCommand("chown", $"{options.ProxyUid}:{options.ProxyUid}", file))).EnsureSuccess();
    }

    private static void Traversable(string directory)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException();
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }

    private static void Ensure(StoreResult result)
    {
        if (!result.Accepted) throw new InvalidDataException(string.Join("; ", result.Errors));
    }

    /// <summary>Stops apps, then sidecars, then the control plane, then removes the network: what a stop (or Ctrl-C) does.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var exposed in _exposed) await exposed.DisposeAsync();
        foreach (var app in _apps) await app.StopAsync();
        foreach (var sidecar in _sidecars) await sidecar.StopAsync();
        if (_controlPlane is not null)
        {
            await _controlPlane.StopAsync();
            await _controlPlane.DisposeAsync();
        }
        if (_networks is not null) await _networks.RemoveAllAsync();
        if (_lock is not null) await _lock.DisposeAsync();
        // Bootstrap tokens are credentials: none outlives the run (logs stay, for what happened).
        foreach (var pod in Pods)
        {
            var token = Path.Combine(options.StateDirectory, "pods", pod.Name, "token");
            if (File.Exists(token)) File.Delete(token);
        }
    }
}

/// <summary>Another <c>sbctl up</c> holds the state directory.</summary>
public sealed class AlreadyRunningException(string message) : IOException(message);
