using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Switchboard.Proxy.Hosting;

namespace Switchboard.Proxy.Tests.Hosting;

/// <summary>
/// The real executable runs its sockets' completions inline on the engine threads (an event loop per thread, Hosting/
/// InlineSocketCompletions). What that must never cost: a request waiting on a slow upstream holds no thread, so with
/// more such requests in flight than the proxy has engine threads, other requests are still served at once. Checked in
/// the default mode and with the environment's escape hatch (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0</c>). The
/// in-process proxies of the other tests run without inline completions: the test host's own code blocks on tasks
/// (<c>.Result</c>, sbctl run in-process), which on an engine thread would stall the proxy beside it; the executables
/// started by this test, StaticModeTests, LocalMeshTests and the runtime's mesh tests run inline.
/// </summary>
public sealed class InlineCompletionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    public async Task Requests_waiting_on_a_slow_upstream_do_not_hold_up_other_requests(string? inlineSetting)
    {
        await using var slow = await TestUpstream.StartAsync("payment-v1");
        await using var fast = await TestUpstream.StartAsync("payment-v2");
        slow.Delay = TimeSpan.FromSeconds(3);
        var dir = Directory.CreateTempSubdirectory("sb-inline-");
        Process? proxy = null;
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "mesh.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: production, labels: {istio-injection: enabled}}\n---\n"
                + PaymentMesh.Workloads(slow.Port, fast.Port) + "\n---\n" + PaymentMesh.Subsets + "\n---\n" + Routing);
            (proxy, var outbound) = await StartProxyAsync(dir.FullName, inlineSetting);
            using var client = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy($"http://127.0.0.1:{outbound}"), UseProxy = true })
            { Timeout = TimeSpan.FromSeconds(20) };

            // Sixteen requests parked on the slow subset: many more than the proxy's engine threads (one per core).
            var clock = Stopwatch.StartNew();
            var parked = Enumerable.Range(0, 16).Select(_ => client.GetStringAsync("http://payment-service.production:8080/slow")).ToList();
            Assert.True(await Wait.Until(() => Task.FromResult(slow.Requests == 16), seconds: 3), $"only {slow.Requests} of 16 reached the slow upstream");

            // Meanwhile the fast subset answers at once, every time.
            for (var i = 0; i < 5; i++)
            {
                var one = Stopwatch.StartNew();
                using var request = new HttpRequestMessage(HttpMethod.Get, "http://payment-service.production:8080/fast");
                request.Headers.Add("x-beta-user", "true");
                using var response = await client.SendAsync(request);
                Assert.Equal("payment-v2", await response.Content.ReadAsStringAsync());
                Assert.True(one.Elapsed < TimeSpan.FromSeconds(1), $"a fast request took {one.Elapsed.TotalMilliseconds:F0} ms behind the parked ones");
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.5), "the fast requests were not served while the slow ones were parked");

            // And the parked ones all come back from the slow upstream, none failed by the wait.
            Assert.All(await Task.WhenAll(parked), body => Assert.Equal("payment-v1", body));
        }
        finally
        {
            if (proxy is { HasExited: false }) proxy.Kill(entireProcessTree: true);
            proxy?.Dispose();
            dir.Delete(recursive: true);
        }
    }

    private static async Task<(Process, int)> StartProxyAsync(string config, string? inlineSetting)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "switchboard-proxy.dll"), "--config", config, "--workload", "production/checkout",
                     "--outbound-port", "0", "--admin-port", "0", "--ready-port", "0", "--metrics-port", "0", "--access-log", "off" })
            start.ArgumentList.Add(a);
        // The child gets exactly what the case says, whatever the test process's environment holds.
        start.Environment.Remove(InlineSocketCompletions.Variable);
        if (inlineSetting is not null) start.Environment[InlineSocketCompletions.Variable] = inlineSetting;
        var proxy = Process.Start(start)!;
        proxy.OutputDataReceived += (_, _) => { };
        proxy.BeginOutputReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await proxy.StandardError.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("proxy exited before it was ready");
            var ready = Regex.Match(line, @"outbound=http://[^:]+:(\d+)");
            if (!ready.Success) continue;
            _ = proxy.StandardError.ReadToEndAsync();
            return (proxy, int.Parse(ready.Groups[1].Value));
        }
    }

    private const string Routing = """
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
            retries: {attempts: 0}
          - route:
            - destination: {host: payment-service, subset: stable}
            timeout: 10s
            retries: {attempts: 0}
        """;
}
