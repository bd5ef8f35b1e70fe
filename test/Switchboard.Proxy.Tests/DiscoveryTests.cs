using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.ControlPlane.Hosting;
using Switchboard.ControlPlane.Store;
using Switchboard.Proxy.Config;
using Switchboard.Proxy.Hosting;
using Switchboard.Proxy.Runtime;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests;

/// <summary>
/// A real control plane programming a real proxy over the discovery stream: config applied to the store
/// reaches live traffic, the control plane going away changes nothing on the data path, and a restarted
/// control plane re-syncs the proxy.
/// </summary>
public sealed class DiscoveryTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private void Mark(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds:F1}s {what}");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-discovery-");
    private readonly int _discoveryPort = Wait.FreePort();
    private TestUpstream _stable = null!;
    private TestUpstream _canary = null!;
    private WebApplication _controlPlane = null!;
    private FileConfigStore _store = null!;
    private string _http = "";

    public async Task InitializeAsync()
    {
        _stable = await TestUpstream.StartAsync("stable");
        _canary = await TestUpstream.StartAsync("canary");
        await StartControlPlaneAsync();
        Assert.True(_store.Apply(Mesh(_stable.Port, _canary.Port) + "\n---\n" + Routing("stable"), "mesh.yaml").Accepted);
    }

    public async Task DisposeAsync()
    {
        await _controlPlane.DisposeAsync();
        await _stable.DisposeAsync();
        await _canary.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    private async Task StartControlPlaneAsync()
    {
        _controlPlane = ControlPlaneHost.Build(new ControlPlaneOptions(_dir.FullName)
        {
            Http = new IPEndPoint(IPAddress.Loopback, 0),
            Secure = new IPEndPoint(IPAddress.Loopback, 0),
            Discovery = new IPEndPoint(IPAddress.Loopback, _discoveryPort),
        }, out _store);
        await _controlPlane.StartAsync();
        _http = _controlPlane.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    [Fact]
    public async Task Applied_config_reaches_live_traffic_and_survives_a_control_plane_restart()
    {
        // Two proxies: the seed's checkout, and a web frontend in another namespace calling the same service.
        await using var proxy = await ProxyUnderTest.StartAsync(null);
        await using var web = await ProxyUnderTest.StartAsync(null);
        using var stopping = new CancellationTokenSource();
        var streaming = Task.WhenAll(Connect(proxy, "production", "checkout", stopping.Token), Connect(web, "frontend", "web", stopping.Token));
        const string url = "http://payment-service.production:8080/";
        Assert.True(await Wait.Until(async () => (await proxy.Client.GetAsync(url)).IsSuccessStatusCode), "first config never arrived");
        Assert.True(await Wait.Until(async () => (await web.Client.GetAsync(url)).IsSuccessStatusCode), "the second proxy's first config never arrived");
        Assert.Equal("stable", await proxy.Client.GetStringAsync(url));
        Assert.Equal("stable", await web.Client.GetStringAsync(url));
        Mark("first config");

        // The split changes while traffic flows; no request fails during the change.
        var clustersBefore = await Pushes("clusters");
        var routesBefore = await Pushes("routes");
        var failures = 0;
        using var load = new CancellationTokenSource();
        var traffic = Load([proxy, web], url, () => Interlocked.Increment(ref failures), load.Token);
        for (var i = 0; i < 50; i++)
        {
            Assert.True(_store.Apply(Routing(i % 2 == 0 ? "canary" : "stable"), "routing.yaml").Accepted);
            await Task.Delay(60);
        }
        Assert.True(_store.Apply(Routing("canary"), "routing.yaml").Accepted);
        Assert.True(await Wait.Until(async () => await proxy.Client.GetStringAsync(url) == "canary"), "the routing change never arrived");
        await load.CancelAsync();
        await traffic;
        Assert.Equal(0, failures);
        Mark("changes under load");

        // Every type acknowledged: what `sbctl proxy-status` shows.
        var status = new StringWriter();
        Assert.Equal(0, Switchboard.Cli.SbctlApp.Run(["proxy-status", "--controlplane", _http], status, new StringWriter()));
        var lines = status.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches("^NAME +CLUSTERS +ENDPOINTS +TCP +ROUTES +PROXY +VERSION$", lines[0]);
        Assert.Matches("^frontend/web +SYNCED +SYNCED +SYNCED +SYNCED +SYNCED +v[0-9]+$", lines[1]);
        Assert.Matches("^production/checkout +SYNCED +SYNCED +SYNCED +SYNCED +SYNCED +v[0-9]+$", lines[2]);

        // Routing changes were sent as route deltas only: no cluster was re-sent, routes were with the changes.
        Assert.Equal(clustersBefore, await Pushes("clusters"));
        Assert.True(await Pushes("routes") > routesBefore, "route changes were not pushed");

        // What the proxy itself holds, read from its admin endpoint: the seed's 503 question in one command.
        // It holds exactly what the control plane sent (proxy-config warns when the two differ).
        var clusters = new StringWriter();
        var clusterErrors = new StringWriter();
        Assert.Equal(0, Switchboard.Cli.SbctlApp.Run(["proxy-config", "cluster", "production/checkout", "--fqdn", "payment-service.production.svc.cluster.local", "--controlplane", _http], clusters, clusterErrors));
        Assert.Equal("", clusterErrors.ToString());
        Assert.Matches("payment-service.production.svc.cluster.local +8080 +canary +outbound +EDS +production/payment-service-destination", clusters.ToString());
        var endpoints = new StringWriter();
        Assert.Equal(0, Switchboard.Cli.SbctlApp.Run(["pc", "endpoints", "production/checkout", "--controlplane", _http], endpoints, new StringWriter()));
        Assert.Contains($"127.0.0.1:{_canary.Port}", endpoints.ToString());
        Assert.Contains("outbound|8080|canary|payment-service.production.svc.cluster.local", endpoints.ToString());
        var listeners = new StringWriter();
        Assert.Equal(0, Switchboard.Cli.SbctlApp.Run(["pc", "listeners", "production/checkout", "--controlplane", _http], listeners, new StringWriter()));
        Assert.Matches("0.0.0.0 +8080 +HTTP \\(any authority\\) +Route: 8080", listeners.ToString());

        // A config the proxy cannot use (a CA file it cannot read) is NACKed; the old config keeps serving.
        Assert.True(_store.Apply(BrokenTls, "tls.yaml").Accepted);
        Assert.True(await Wait.Until(async () => (await ProxyStatus()).Contains("NACKED")), "no NACK");
        var nacked = await ProxyStatus();
        Assert.Contains("/nonexistent/ca.pem", nacked);
        for (var i = 0; i < 10; i++) Assert.Equal("canary", await proxy.Client.GetStringAsync(url));
        Assert.True(_store.Delete(BrokenTls, "tls.yaml").Accepted);
        Assert.True(_store.Apply(Mesh(_stable.Port, _canary.Port), "mesh.yaml").Accepted);
        Assert.True(await Wait.Until(async () => !(await ProxyStatus()).Contains("NACKED")), "not re-synced after the fix");

        using (var http = new HttpClient(new SocketsHttpHandler()))
        {
            var metrics = await http.GetStringAsync($"{_http}/metrics");
            Assert.Matches("pilot_total_xds_rejects\\{type=\"clusters\"\\} [1-9]", metrics);
            Assert.Contains("pilot_xds 2", metrics);
            Assert.Matches("pilot_xds_pushes\\{type=\"routes\"\\} [0-9]+", metrics);
            Assert.Matches("pilot_xds_push_time_count [1-9][0-9]*", metrics);
            Assert.Matches("pilot_proxy_convergence_time_count [1-9][0-9]*", metrics);
        }

        // The control plane goes away while traffic flows: not one request fails, the last config serves.
        var outageFailures = 0;
        using var outageLoad = new CancellationTokenSource();
        var outageTraffic = Load([proxy, web], url, () => Interlocked.Increment(ref outageFailures), outageLoad.Token);
        await _controlPlane.StopAsync();
        await _controlPlane.DisposeAsync();
        Mark("control plane stopped");
        for (var i = 0; i < 20; i++) Assert.Equal("canary", await proxy.Client.GetStringAsync(url));
        await Task.Delay(500);
        Mark("traffic without control plane");

        // It comes back from its directory; both proxies reconnect and follow new changes, still with no failure.
        await StartControlPlaneAsync();
        Assert.True(_store.Apply(Routing("stable"), "routing.yaml").Accepted);
        Assert.True(await Wait.Until(async () => await proxy.Client.GetStringAsync(url) == "stable", seconds: 20), "no re-sync after the restart");
        Assert.True(await Wait.Until(async () => await web.Client.GetStringAsync(url) == "stable", seconds: 20), "the second proxy did not re-sync");
        await outageLoad.CancelAsync();
        await outageTraffic;
        Assert.Equal(0, outageFailures);
        Mark("re-synced");
        await stopping.CancelAsync();
        await streaming;
        Mark("stopped");
    }

    private const string BrokenTls = """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: payment-service-destination, namespace: production}
        spec:
          host: payment-service
          trafficPolicy:
            tls: {mode: SIMPLE, caCertificates: /nonexistent/ca.pem}
          subsets:
          - {name: stable, labels: {version: v1}}
          - {name: canary, labels: {version: v2}}
        """;

    private Task Connect(ProxyUnderTest proxy, string ns, string workload, CancellationToken token) =>
        new DiscoveryClient($"http://127.0.0.1:{_discoveryPort}", new ProxyNode { Namespace = ns, Workload = workload },
            proxy.Holder, new RandomSource(new Random(1)), NullLogger.Instance, adminUrl: $"http://127.0.0.1:{proxy.AdminPort}").RunAsync(token);

    /// <summary>Requests through every proxy in turn until cancelled; each non-2xx answer counts as a failure.</summary>
    private static Task Load(ProxyUnderTest[] proxies, string url, Action failed, CancellationToken token) => Task.Run(async () =>
    {
        while (!token.IsCancellationRequested)
        {
            foreach (var proxy in proxies)
            {
                if (!(await proxy.Client.GetAsync(url, CancellationToken.None)).IsSuccessStatusCode) failed();
            }
        }
    });

    private async Task<long> Pushes(string type)
    {
        using var http = new HttpClient(new SocketsHttpHandler());
        var metrics = await http.GetStringAsync($"{_http}/metrics");
        var match = System.Text.RegularExpressions.Regex.Match(metrics, $"pilot_xds_pushes\\{{type=\"{type}\"\\}} ([0-9]+)");
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private Task<string> ProxyStatus()
    {
        var output = new StringWriter();
        Switchboard.Cli.SbctlApp.Run(["proxy-status", "--controlplane", _http], output, new StringWriter());
        return Task.FromResult(output.ToString());
    }



    private static string Mesh(int stable, int canary) => PaymentMesh.Workloads(stable, canary) + "\n---\n" + PaymentMesh.Subsets;

    private static string Routing(string subset) => $$$"""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: payment-service-routing, namespace: production}
        spec:
          hosts: [payment-service]
          http:
          - route:
            - destination: {host: payment-service, subset: {{{subset}}}}
        """;
}
