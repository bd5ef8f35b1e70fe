using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Switchboard.Proxy.Tests;

/// <summary>
/// The real executable in static mode, driven by real curl as a user would: the seed's routing from a
/// config directory, live reload on file change, and a broken file rejected while the old config serves.
/// </summary>
public sealed class StaticModeTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-static-");
    private TestUpstream _v1 = null!;
    private TestUpstream _v2 = null!;
    private Process? _proxy;
    private int _outbound;
    private int _admin;

    public async Task InitializeAsync()
    {
        _v1 = await TestUpstream.StartAsync("payment-v1");
        _v2 = await TestUpstream.StartAsync("payment-v2");
        File.WriteAllText(Path.Combine(_dir.FullName, "mesh.yaml"), Mesh(_v1.Port, _v2.Port));
        File.WriteAllText(Path.Combine(_dir.FullName, "routing.yaml"), Routing("stable"));
        var dll = Path.Combine(AppContext.BaseDirectory, "switchboard-proxy.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { dll, "--config", _dir.FullName, "--workload", "production/checkout", "--outbound-port", "0", "--admin-port", "0", "--ready-port", "0", "--metrics-port", "0" })
            start.ArgumentList.Add(a);
        _proxy = Process.Start(start)!;
        _proxy.OutputDataReceived += (_, _) => { };
        _proxy.BeginOutputReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await _proxy.StandardError.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("proxy exited before it was ready");
            var ready = Regex.Match(line, @"outbound=http://[^:]+:(\d+) admin=http://[^:]+:(\d+)");
            if (!ready.Success) continue;
            _outbound = int.Parse(ready.Groups[1].Value);
            _admin = int.Parse(ready.Groups[2].Value);
            break;
        }
        _ = _proxy.StandardError.ReadToEndAsync();
    }

    public async Task DisposeAsync()
    {
        if (_proxy is { HasExited: false }) _proxy.Kill(entireProcessTree: true);
        _proxy?.Dispose();
        await _v1.DisposeAsync();
        await _v2.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Curl_through_the_proxy_follows_the_virtual_service_and_reloads()
    {
        Assert.Equal("payment-v1", await Curl("http://payment-service.production:8080/api/v1/charge"));
        Assert.Equal("payment-v2", await Curl("http://payment-service.production:8080/api/v1/charge", "x-beta-user: true"));
        Assert.Equal("payment-v1", await Curl("http://payment-service:8080/"));

        // An editor saving the routing file sends everything to canary.
        File.WriteAllText(Path.Combine(_dir.FullName, "routing.yaml"), Routing("canary"));
        Assert.True(await Wait.Until(async () => await Curl("http://payment-service.production:8080/") == "payment-v2"), "reload did not take effect");

        // A broken file is rejected; the last good config keeps serving.
        File.WriteAllText(Path.Combine(_dir.FullName, "broken.yaml"), "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: x, namespace: production}\nspec:\n  host: payment-service\n  trafficPolicy: {connectionPool: {http: {pendingRequests: 5}}}\n");
        await Task.Delay(500);
        Assert.Equal("payment-v2", await Curl("http://payment-service.production:8080/"));

        var dump = await Curl($"http://127.0.0.1:{_admin}/config_dump", proxy: false);
        Assert.Contains("outbound|8080|canary|payment-service.production.svc.cluster.local", dump);
        Assert.Contains("404", await Curl("http://ratings.production:8080/", format: "%{http_code}"));
    }


    private async Task<string> Curl(string url, string? header = null, bool proxy = true, string? format = null)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-s");
        start.ArgumentList.Add("--max-time");
        start.ArgumentList.Add("10");
        if (proxy)
        {
            start.ArgumentList.Add("-x");
            start.ArgumentList.Add($"http://127.0.0.1:{_outbound}");
        }
        if (header is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(header);
        }
        if (format is not null)
        {
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add("/dev/null");
            start.ArgumentList.Add("-w");
            start.ArgumentList.Add(format);
        }
        start.ArgumentList.Add(url);
        using var curl = Process.Start(start)!;
        var output = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        return output;
    }

    private static string Mesh(int v1, int v2) =>
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: production, labels: {istio-injection: enabled}}\n---\n"
        + PaymentMesh.Workloads(v1, v2) + "\n---\n" + PaymentMesh.Subsets;

    private static string Routing(string defaultSubset) => $$$"""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: payment-service-routing, namespace: production}
        spec:
          hosts: [payment-service]
          http:
          - match:
            - headers: {x-beta-user: {exact: "true"}}
            route:
            - destination: {host: payment-service, subset: canary}
          - route:
            - destination: {host: payment-service, subset: {{{defaultSubset}}}}
        """;
}
