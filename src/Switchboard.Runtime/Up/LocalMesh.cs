using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Config.Loading;
using Switchboard.Config.Source;
using Switchboard.ControlPlane.Discovery;
using Switchboard.ControlPlane.Hosting;
using Switchboard.ControlPlane.Store;
using Switchboard.Identity.Spiffe;
using Switchboard.Runtime.Capture;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Up;

/// <summary>
/// The whole mesh on one machine (<c>sbctl up</c>), in DESIGN.md §3–§5's order:
/// 1. remove whatever a previous run left (its ledger, its stored config: a run starts from DIR), then make the bridge;
/// 2. start the control plane (config store in the state directory, seeded from the config directory; TLS port on the
///    bridge address so pods reach it);
/// 3. from then on a <see cref="PodReconciler"/> keeps the pods what the store's Deployments, Jobs and bare Pods ask for — at
///    start, and after every <c>sbctl apply</c> or <c>delete</c>; starting and stopping one pod is this class's job
///    (<see cref="StartPodAsync(RunningPod, CancellationToken)"/>, <see cref="StopPodAsync"/>);
/// 4. on stop: apps first, then sidecars (they drain after their app has exited), then the control plane, then every
///    namespace, link and file the ledger recorded.
/// </summary>
public sealed class LocalMesh(LocalMeshOptions options, TextWriter output) : IAsyncDisposable, IPodRuntime
{
    /// <summary>
    /// How long a stopping pod waits for every other proxy to drop it as an endpoint before its app is stopped: Kubernetes'
    /// default grace period. Usually this takes well under a second; on a loaded machine a push can take seconds, and a
    /// pod stopped too early is an address that swallows connections until they time out.
    /// </summary>
    private static readonly TimeSpan WithdrawalTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a new pod's app may take to listen on its port before the pod is published anyway.</summary>
    private static readonly TimeSpan AppReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly ProcessRunner _processes = new();
    private readonly List<RunningPod> _pods = [];
    private readonly ServiceAddressBook _services = new();
    private readonly PodAddressPool _addresses = new(options.Layout);
    private readonly List<Task> _completions = [];
    private WebApplication? _controlPlane;
    private FileStream? _lock;
    private PodNetworks? _networks;
    private FileConfigStore? _store;
    private ControlPlaneIdentity? _identity;
    private DiscoveryServer? _discovery;
    private PodReconciler? _reconciler;
    private GatewayExposures? _exposures;

    /// <summary>What the runtime did lately (the live table shows the newest).</summary>
    public MeshEvents Events { get; } = new(TimeProvider.System, output);

    /// <summary>The pods not on their way out, by namespace and name (as kubectl lists them).</summary>
    public IReadOnlyList<PlannedPod> Pods
    {
        get
        {
            lock (_pods) return [.. Listed().Where(p => p.Phase != PodPhase.Terminating).Select(p => p.Planned)];
        }
    }

    /// <summary>Every pod's row for the live table, by namespace and name.</summary>
    public IReadOnlyList<PodStatus> Status()
    {
        lock (_pods) return [.. Listed().Select(p => p.Status())];
    }

    private IEnumerable<RunningPod> Listed() =>
        _pods.OrderBy(p => p.Planned.Namespace, StringComparer.Ordinal).ThenBy(p => p.Planned.Name, StringComparer.Ordinal);

    IReadOnlyList<PodView> IPodRuntime.Pods
    {
        get
        {
            lock (_pods) return [.. _pods.Select(p => p.View)];
        }
    }

    public async Task StartAsync(CancellationToken token)
    {
        Directory.CreateDirectory(options.StateDirectory);
        // Sidecars (UID 1337) must reach their own pod directory, and list nothing: traverse-only for others.
        StateDirectoryAccess.Traversable(options.StateDirectory);
        StateDirectoryAccess.EnsureReachable(Path.GetDirectoryName(Path.GetFullPath(options.StateDirectory)));
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
        var storeDirectory = Path.Combine(options.StateDirectory, "store");
        ForgetStoredConfig(storeDirectory);
        _controlPlane = ControlPlaneHost.Build(new ControlPlaneOptions(storeDirectory)
        {
            Http = options.Http,
            Discovery = new IPEndPoint(IPAddress.Loopback, 0),
            Secure = new IPEndPoint(options.Layout.Gateway, options.SecurePort),
        }, out var store);
        _store = store;
        await _controlPlane.StartAsync(token);
        foreach (var file in loaded.Files) Ensure(store.Apply(await File.ReadAllTextAsync(file, token), file));
        _identity = _controlPlane.Services.GetRequiredService<ControlPlaneIdentity>();
        _discovery = _controlPlane.Services.GetRequiredService<DiscoveryServer>();

        _reconciler = new PodReconciler(store, this, Events);
        _exposures = new GatewayExposures(Events, options.GatewayPortOffset);
        await _reconciler.PassAsync(token);
        RefreshExposures();
        _reconciler.Start();
        Events.Echo = false;
    }

    /// <summary>
    /// The previous run's config (what it was seeded with and what was applied to it, its Pod objects): a run is DIR,
    /// and none of those pods runs any more. The control plane's own state (the CA, in hidden .switchboard) stays.
    /// </summary>
    private static void ForgetStoredConfig(string storeDirectory)
    {
        if (!Directory.Exists(storeDirectory)) return;
        foreach (var entry in new DirectoryInfo(storeDirectory).EnumerateFileSystemInfos().Where(e => !e.Name.StartsWith('.')))
        {
            if (entry is DirectoryInfo directory) directory.Delete(recursive: true);
            else entry.Delete();
        }
    }

    async Task IPodRuntime.StartPodAsync(WorkloadTemplate template, CancellationToken token)
    {
        var pod = new RunningPod(PodPlan.Pod(template, _addresses.Take(), options.SampleApp, options.Random));
        lock (_pods) _pods.Add(pod);
        try
        {
            await StartPodAsync(pod, token);
        }
        catch (Exception ex)
        {
            Events.Add($"failed {Display(pod)}: {ex.Message.Split('\n')[0]}");
            await StopPodAsync(pod.Planned.Name);
            throw;
        }
    }

    /// <summary>
    /// One pod, from nothing to serving:
    /// 1. its Pod object, Pending and without an address (the sidecar's workload: labels, service account);
    /// 2. its network namespace, hosts file and capture rules; a bootstrap token (0600, owned by the proxy's UID) and the mesh root;
    /// 3. its sidecar as UID 1337, and — only once the sidecar is ready — its containers as their own user;
    /// 4. once its app listens, the Pod object Running with its address: callers get it as an endpoint only now.
    /// A pod the injection rule leaves out of the mesh (<see cref="PlannedPod.Injected"/>, the seed's mtls-debug-pod) skips
    /// the capture rules, token and sidecar of 2–3: its apps start at once and send what they send as they send it.
    /// </summary>
    private async Task StartPodAsync(RunningPod running, CancellationToken token)
    {
        var pod = running.Planned;
        Ensure(_store!.Apply(PodPlan.PodYaml(pod, options.NodeName, PodPhase.Pending), pod.Name));
        var spec = NetworkSpec(pod);
        await _networks!.CreateAsync(pod.Name, spec, token);
        // A gateway pod is the proxy itself, reached at its own ports: nothing to capture; an uninjected pod has no proxy to capture into.
        if (pod.HasSidecar)
        {
            var capture = CaptureOptions.FromAnnotations(pod.Annotations, new CaptureOptions { ProxyUid = options.ProxyUid, ProxyGid = options.ProxyUid });
            await new CaptureRunner(_processes).ApplyAsync(capture, pod.Netns, dryRun: false, token);
        }

        var dir = PodDirectory(pod);
        Directory.CreateDirectory(dir);
        StateDirectoryAccess.Traversable(Path.Combine(options.StateDirectory, "pods"));
        StateDirectoryAccess.Traversable(dir);
        if (pod.HasProxy) await StartProxyAsync(running, dir, token);
        running.Apps = [.. pod.Containers.Select(container =>
        {
            var uid = container.RunAsUser is { } u && u != options.ProxyUid ? (int)u : options.AppUid;
            return new Supervisor(PodProcess.Command(pod.Netns, uid, container.Command, container.Env), Path.Combine(dir, container.Name + ".log"),
                new SupervisorOptions { InitialBackoff = TimeSpan.FromSeconds(1), RestartPolicy = pod.RestartPolicy, MaxRestarts = pod.MaxRestarts });
        })];
        foreach (var port in pod.Containers.Select(c => c.Port).OfType<int>())
        {
            if (!await AppReadiness.WaitAsync(_processes, pod.Netns, port, AppReadyTimeout, token)) Events.Add($"{Display(running)}: nothing listens on :{port} yet; published anyway");
        }
        running.Phase = PodPhase.Running;
        Ensure(_store.Apply(PodPlan.PodYaml(pod, options.NodeName), pod.Name));
        Events.Add($"started {Display(running)} ({pod.Address})");
        if (pod.IsGateway) RefreshExposures();
        if (pod.RunsToCompletion)
        {
            lock (_completions) _completions.Add(FinishWhenDoneAsync(running));
        }
    }

    /// <summary>The pod's proxy — its sidecar, or the gateway it is — as UID 1337 with its bootstrap token; returns once it is ready.</summary>
    private async Task StartProxyAsync(RunningPod running, string dir, CancellationToken token)
    {
        var pod = running.Planned;
        var tokenFile = Path.Combine(dir, "token");
        var rootFile = Path.Combine(dir, "root-cert.pem");
        await File.WriteAllTextAsync(rootFile, _identity!.Ca.RootPem, token);
        await WriteSecretAsync(tokenFile, _identity.Tokens.Issue(new WorkloadIdentity(pod.Namespace, pod.ServiceAccount), pod.Name, TimeSpan.FromHours(24)));

        var secure = $"https://{options.Layout.Gateway}:{options.SecurePort}";
        var sidecar = PodProcess.Command(pod.Netns, options.ProxyUid, [.. options.Proxy, "--discovery", secure, "--ca", secure, "--root-cert", rootFile, "--token-file", tokenFile,
            "--workload", $"{pod.Namespace}/{pod.Name}", "--bind", "0.0.0.0", .. RoleArguments(pod)], new Dictionary<string, string>());
        running.Sidecar = new Supervisor(sidecar, Path.Combine(dir, "sidecar.log"), new SupervisorOptions { InitialBackoff = TimeSpan.FromSeconds(1) });
        if (!await ReadyAsync(pod, token))
        {
            var log = Path.Combine(dir, "sidecar.log");
            var tail = File.Exists(log) ? string.Join("\n", File.ReadLines(log).TakeLast(5)) : "(no output)";
            throw new TimeoutException($"the sidecar of {pod.Namespace}/{pod.Name} did not get ready; the end of {log}:\n{tail}");
        }
    }

    /// <summary>
    /// A Job's pod (or a bare Pod that does not restart Always), once its apps have exited for good: Succeeded if all exited 0, else Failed. Its sidecar is then told
    /// to quit — SIGTERM, which takes the proxy down the same path as its <c>/quitquitquit</c> (whose admin port listens
    /// on the pod's loopback only) — so the pod does not hang on its sidecar; its network and address are freed, and the
    /// Pod object keeps the outcome (no longer an endpoint), as <c>get pods</c> shows Completed or Error.
    /// </summary>
    private async Task FinishWhenDoneAsync(RunningPod running)
    {
        await Task.WhenAll(running.Apps.Select(a => a.Finished));
        if (running.Phase != PodPhase.Running) return; // stopped, not finished
        var phase = running.Apps.All(a => a.LastExitCode == 0) ? PodPhase.Succeeded : PodPhase.Failed;
        try
        {
            // Finished once everything is down, sidecar included (Kubernetes' phase, too, waits for every container).
            await TeardownAsync(running);
            if (running.Phase != PodPhase.Running) return; // deleted meanwhile
            running.Phase = phase;
            Ensure(_store!.Apply(PodPlan.PodYaml(running.Planned, options.NodeName, phase), running.Planned.Name));
            Events.Add($"{(phase == PodPhase.Succeeded ? "completed" : "failed")} {Display(running)} (exit {string.Join(",", running.Apps.Select(a => a.LastExitCode))})");
        }
        catch (Exception ex) when (ex is IOException or ProcessFailedException or InvalidDataException)
        {
            Events.Add($"finishing {Display(running)}: {ex.Message}");
        }
    }

    /// <summary>
    /// Takes one pod down, in the order that costs its callers nothing:
    /// 1. Terminating at once (the reconciler counts it for nothing), and its Pod object deleted from the store, so the
    ///    control plane withdraws it from every caller's endpoints; wait until the proxies hold it no more;
    /// 2. its apps stopped (SIGTERM, grace), then its sidecar, which drains after its app has exited;
    /// 3. its namespace (rules and any process left), veth and hosts directory removed, its address and token freed.
    /// </summary>
    public async Task StopPodAsync(string name)
    {
        RunningPod? running;
        lock (_pods) running = _pods.FirstOrDefault(p => p.Planned.Name == name);
        if (running is null) return;
        var finished = running.Phase is PodPhase.Succeeded or PodPhase.Failed;
        running.Phase = PodPhase.Terminating;
        if (running.Planned.IsGateway) RefreshExposures();
        try
        {
            var pod = running.Planned;
            Events.Add($"stopping {Display(running)}");
            // A bare Pod's object is the user's: it is gone already when they deleted it, and stays (still declared, so
            // started again on a later pass) when its start failed — or it is their new one, applied again at once.
            if (pod.Declared is null) _store?.Delete($"apiVersion: v1\nkind: Pod\nmetadata: {{ name: {pod.Name}, namespace: {pod.Namespace} }}\n", pod.Name);
            if (!finished && _discovery is not null && !await EndpointWithdrawal.WaitAsync(_discovery, $"{pod.Namespace}/{pod.Name}", WithdrawalTimeout))
                Events.Add($"{Display(running)}: some proxy still holds it as an endpoint after {WithdrawalTimeout.TotalSeconds:0}s; stopping anyway");
            await TeardownAsync(running);
            Events.Add($"stopped {Display(running)}");
        }
        catch (Exception ex) when (ex is IOException or ProcessFailedException or InvalidOperationException)
        {
            Events.Add($"stopping {Display(running)}: {ex.Message}");
        }
        finally
        {
            lock (_pods) _pods.Remove(running);
        }
    }

    /// <summary>Apps, then sidecar, then network, address and token; safe to run twice (a Job pod finishing while it is deleted).</summary>
    private async Task TeardownAsync(RunningPod running)
    {
        await running.Teardown.WaitAsync();
        try
        {
            foreach (var app in running.Apps) await app.StopAsync();
            if (running.Sidecar is { } sidecar) await sidecar.StopAsync();
            await _networks!.RemoveAsync(NetworkSpec(running.Planned));
            _addresses.Release(running.Planned.Address);
            var token = Path.Combine(PodDirectory(running.Planned), "token");
            if (File.Exists(token)) File.Delete(token);
        }
        finally
        {
            running.Teardown.Release();
        }
    }

    async Task IPodRuntime.RefreshHostsAsync(CancellationToken token)
    {
        // Services new to the store get their clusterIP first (the store's change wakes one more pass, which finds none).
        foreach (var document in _services.ClusterIpDocuments(_store?.Resources ?? [])) Ensure(_store!.Apply(document, "sbctl up: clusterIP allocation"));
        RefreshExposures();
        List<RunningPod> running;
        lock (_pods) running = [.. _pods.Where(p => p.Phase == PodPhase.Running)];
        foreach (var pod in running) await _networks!.WriteHostsAsync(pod.Planned.Name, NetworkSpec(pod.Planned), token);
    }

    /// <summary>The gateway Services' host ports, forwarding to the gateway pods running now.</summary>
    private void RefreshExposures()
    {
        if (_exposures is null || _store is null) return;
        List<PlannedPod> running;
        lock (_pods) running = [.. _pods.Where(p => p.Phase == PodPhase.Running).Select(p => p.Planned)];
        _exposures.Refresh(_store.Resources, running);
    }

    private PodNetworkSpec NetworkSpec(PlannedPod pod) =>
        new(pod.Netns, pod.Address, _services.Hosts(_store?.Resources ?? [], pod.Namespace, viaProxy: pod.HasProxy));

    private string PodDirectory(PlannedPod pod) => Path.Combine(options.StateDirectory, "pods", pod.Name);

    private static string Display(RunningPod pod) => $"{pod.Planned.Namespace}/{pod.Planned.Name}";

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

    private static void Ensure(StoreResult result)
    {
        if (!result.Accepted) throw new InvalidDataException(string.Join("; ", result.Errors));
    }

    /// <summary>Stops following the store, then apps, then sidecars, then the control plane, then removes the network: what a stop (or Ctrl-C) does.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_exposures is not null) await _exposures.DisposeAsync();
        if (_reconciler is not null) await _reconciler.DisposeAsync();
        List<RunningPod> pods;
        lock (_pods) pods = [.. _pods];
        // Terminating: a Job's apps stopped here have not finished (nothing records them as failed).
        foreach (var pod in pods) pod.Phase = PodPhase.Terminating;
        await Task.WhenAll(pods.SelectMany(p => p.Apps).Select(a => a.StopAsync()));
        await Task.WhenAll(pods.Select(p => p.Sidecar).OfType<Supervisor>().Select(s => s.StopAsync()));
        Task[] completions;
        lock (_completions) completions = [.. _completions];
        await Task.WhenAll(completions);
        if (_controlPlane is not null)
        {
            await _controlPlane.StopAsync();
            await _controlPlane.DisposeAsync();
        }
        if (_networks is not null) await _networks.RemoveAllAsync();
        if (_lock is not null) await _lock.DisposeAsync();
        // Bootstrap tokens are credentials: none outlives the run (logs stay, for what happened).
        foreach (var pod in pods)
        {
            var token = Path.Combine(PodDirectory(pod.Planned), "token");
            if (File.Exists(token)) File.Delete(token);
        }
    }
}
