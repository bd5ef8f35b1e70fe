using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.ControlPlane.Hosting;
using Switchboard.ControlPlane.Store;
using Switchboard.Identity.Api.Protocol;
using Switchboard.Identity.Workload;
using Switchboard.Proxy.Config;
using Switchboard.Proxy.Identity;
using Switchboard.Proxy.Runtime;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests;

/// <summary>A proxy started by <see cref="MeshHarness"/>: the proxy, its certificate rotator, and how to stop both.</summary>
public sealed record MeshProxy(ProxyUnderTest Proxy, CertificateRotator Rotator, IAsyncDisposable Stop);

/// <summary>
/// A real mesh on loopback for tests: a control plane (its CA, TLS discovery on a fixed port so it can restart) and
/// sidecars with identities from that CA — each with a bootstrap token minted by sbctl over the control plane's socket,
/// its key made in the proxy, its config over TLS discovery. Also certificates for callers without a sidecar, and a
/// way to run real programs (curl, openssl) against it.
/// </summary>
public sealed class MeshHarness : IAsyncDisposable
{
    private readonly DirectoryInfo _dir;
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly int _securePort = Wait.FreePort();
    private WebApplication? _controlPlane;

    public MeshHarness(string prefix) => _dir = System.IO.Directory.CreateTempSubdirectory(prefix);

    public string Directory => _dir.FullName;
    public string StoreDirectory => Path.Combine(_dir.FullName, "store");
    public FileConfigStore Store { get; private set; } = null!;

    /// <summary>The control plane's HTTP API (sbctl's --controlplane).</summary>
    public string Http { get; private set; } = "";

    /// <summary>The control plane's TLS port (discovery and CA).</summary>
    public string Secure { get; private set; } = "";

    /// <summary>The root the control plane made on first start.</summary>
    public string RootFile => Path.Combine(StoreDirectory, ".switchboard", "ca", "root-cert.pem");

    /// <summary>The bundle proxies trust the control plane with; the self-made root unless a test hands out another (root rotation).</summary>
    public string ProxyRoots { get; set; } = "";

    /// <summary>What the discovery clients logged, for failure messages.</summary>
    public CollectingLogger Log { get; } = new();

    /// <summary>Starts (or, after <see cref="StopControlPlaneAsync"/>, restarts on the same directory and TLS port) the control plane.</summary>
    public async Task StartControlPlaneAsync(string? caDirectory = null)
    {
        _controlPlane = ControlPlaneHost.Build(new ControlPlaneOptions(StoreDirectory)
        {
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            Discovery = new IPEndPoint(IPAddress.Loopback, 0),
            Secure = new IPEndPoint(IPAddress.Loopback, _securePort),
            CaDirectory = caDirectory ?? "",
        }, out var store);
        Store = store;
        await _controlPlane.StartAsync();
        var addresses = _controlPlane.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        Http = addresses.First(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal));
        Secure = addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal));
    }

    public async Task StopControlPlaneAsync()
    {
        if (_controlPlane is null) return;
        await _controlPlane.StopAsync();
        await _controlPlane.DisposeAsync();
        _controlPlane = null;
    }

    /// <summary>A sidecar for <paramref name="ns"/>/<paramref name="pod"/> running as <paramref name="serviceAccount"/>, once it has its first config.</summary>
    public async Task<MeshProxy> StartProxyAsync(string ns, string pod, string serviceAccount, TimeProvider? time = null, IReadOnlyList<IPEndPoint>? inbound = null)
    {
        time ??= TimeProvider.System;
        var connection = ControlPlaneConnection.Load(Roots, MintToken(ns, pod, serviceAccount));
        var secure = Secure;
        var rotator = new CertificateRotator(async token =>
        {
            using var channel = connection.Channel(secure);
            return await new WorkloadCertificateSource(new CertificateService.CertificateServiceClient(channel), connection.Token, time).FetchAsync(TimeSpan.Zero, token);
        }, time);
        await rotator.StartAsync(CancellationToken.None);
        var proxy = await ProxyUnderTest.StartAsync(null, identity: new ProxyIdentity(() => rotator.Current, time), inbound: inbound, time: time);
        rotator.Rotated += (_, _) => proxy.Holder.Refresh();
        var stopping = new CancellationTokenSource();
        var streaming = new DiscoveryClient(Secure, new ProxyNode { Namespace = ns, Workload = pod }, proxy.Holder, new RandomSource(new Random(1)),
            Log, adminUrl: $"http://127.0.0.1:{proxy.AdminPort}", secure: connection, metricsUrl: $"http://127.0.0.1:{proxy.MetricsPort}").RunAsync(stopping.Token);
        var stop = new Stopper(async () =>
        {
            await stopping.CancelAsync();
            await streaming;
            await rotator.DisposeAsync();
            await proxy.DisposeAsync();
        });
        _owned.Add(stop);
        Assert.True(await Wait.Until(() => Task.FromResult(proxy.Holder.Current is not null)), $"{pod} got no config: {string.Join(" | ", Log.Lines)}");
        return new MeshProxy(proxy, rotator, stop);
    }

    /// <summary>Stops <paramref name="proxy"/> and starts its replacement (a workload restart).</summary>
    public async Task<MeshProxy> RestartProxyAsync(MeshProxy proxy, Func<Task<MeshProxy>> start)
    {
        await proxy.Stop.DisposeAsync();
        _owned.Remove(proxy.Stop);
        return await start();
    }

    /// <summary>A certificate and key for a caller without a sidecar, as PEM files (key 0600), from the mesh CA.</summary>
    public async Task<(string Cert, string Key)> IssueFilesAsync(string ns, string pod, string serviceAccount)
    {
        var connection = ControlPlaneConnection.Load(Roots, MintToken(ns, pod, serviceAccount));
        using var channel = connection.Channel(Secure);
        var issued = await new WorkloadCertificateSource(new CertificateService.CertificateServiceClient(channel), connection.Token, TimeProvider.System)
            .FetchAsync(TimeSpan.Zero, CancellationToken.None);
        var cert = Path.Combine(Directory, pod + ".crt");
        var key = Path.Combine(Directory, pod + ".key");
        await File.WriteAllTextAsync(cert, issued.Certificate.ExportCertificatePem());
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException();
        await using (var file = new FileStream(key, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        await using (var writer = new StreamWriter(file))
            await writer.WriteAsync(issued.Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (cert, key);
    }

    /// <summary>Runs a real program; <paramref name="stdin"/> is written, then (after a moment, for s_client) closed.</summary>
    public static async Task<(int ExitCode, string Output)> Run(string file, string[] args, string? stdin = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        // s_client keeps reading stdin: closing it ends the session once the answer (if any) is in.
        await Task.Delay(stdin is null ? 0 : 1500);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) await owned.DisposeAsync();
        await StopControlPlaneAsync();
        _dir.Delete(recursive: true);
    }

    private string Roots => ProxyRoots.Length > 0 ? ProxyRoots : RootFile;

    private string MintToken(string ns, string pod, string serviceAccount)
    {
        var tokenFile = Path.Combine(Directory, pod + ".token");
        Assert.Equal(0, Switchboard.Cli.SbctlApp.Run(["x", "token", $"{ns}/{serviceAccount}", "--workload", pod, "--dir", StoreDirectory, "--out", tokenFile], new StringWriter(), new StringWriter()));
        return tokenFile;
    }

    /// <summary>Keeps what the discovery clients log, for failure messages.</summary>
    public sealed class CollectingLogger : Microsoft.Extensions.Logging.ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));
    }

    private sealed class Stopper(Func<Task> stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await stop();
    }
}
