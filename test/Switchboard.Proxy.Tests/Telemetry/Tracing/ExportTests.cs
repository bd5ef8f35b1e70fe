using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using static Switchboard.Proxy.Tests.Telemetry.Tracing.TracedSidecars;

namespace Switchboard.Proxy.Tests.Telemetry.Tracing;

/// <summary>
/// The export side: a collector that is down or hangs costs requests nothing, and a config push moves spans to
/// another collector and sampling rate with no restart, retiring the pipeline no longer used.
/// </summary>
public sealed class ExportTests : IAsyncLifetime
{
    private TestUpstream _app = null!;

    public async Task InitializeAsync() => _app = await TestUpstream.StartAsync("reviews");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_collector_that_refuses_or_hangs_fails_no_request_and_slows_none()
    {
        // OTLP/HTTP to a closed port (refused at once); OTLP/gRPC to a listener that accepts and never answers, so each
        // export waits its whole timeout: had that wait been on the request path, 30 requests would take minutes.
        using var hang = new TcpListener(IPAddress.Loopback, 0);
        hang.Start();
        var refused = new Switchboard.Translation.ProxyConfig.TracingPolicy
        {
            Provider = "otel", Kind = "opentelemetry", Collector = $"127.0.0.1:{Wait.FreePort()}", Http = true, SamplingPercentage = 100,
        };
        var hanging = refused with { Collector = $"127.0.0.1:{((IPEndPoint)hang.LocalEndpoint).Port}", Http = false };
        foreach (var policy in new[] { refused, hanging })
        {
            await using var proxy = await ProxyUnderTest.StartAsync(Sidecar("productpage", policy, null, ("reviews", "127.0.0.1", _app.Port)));
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 30; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await proxy.Client.GetAsync("http://reviews.default:8080/")).StatusCode);
                // Let the batch thread start exports while requests keep coming.
                if (i % 10 == 9) await Task.Delay(1100);
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"30 requests took {clock.Elapsed} with the collector {policy.Collector} down");
            Assert.Equal("1", _app.Last!.Headers["x-b3-sampled"]);
        }
    }

    [Fact]
    public async Task A_config_push_switches_collector_and_sampling_without_a_restart()
    {
        await using var first = await OtlpReceiver.StartAsync();
        await using var second = await OtlpReceiver.StartAsync();
        var upstream = ("reviews", "127.0.0.1", _app.Port);
        await using var proxy = await ProxyUnderTest.StartAsync(Sidecar("productpage", first.Policy(100), null, upstream));
        await Send(proxy, "before");
        await first.WaitFor(s => s.Tag("guid:x-request-id") == "before");

        // Same collector, sampling off: the pipeline is kept and gets nothing new.
        Assert.True(proxy.Apply(Sidecar("productpage", first.Policy(0), null, upstream)));
        var target = Assert.Single(proxy.Tracer.LiveTargets);
        await Send(proxy, "unsampled");
        Assert.Equal("0", _app.Last!.Headers["x-b3-sampled"]);
        Assert.Equal(target, Assert.Single(proxy.Tracer.LiveTargets));

        // Another collector at 100%: spans go there; the old pipeline is retired.
        Assert.True(proxy.Apply(Sidecar("productpage", second.Policy(100), null, upstream)));
        await Send(proxy, "after");
        await second.WaitFor(s => s.Tag("guid:x-request-id") == "after");
        Assert.NotEqual(target, Assert.Single(proxy.Tracer.LiveTargets));
        Assert.DoesNotContain(first.Spans, s => s.Tag("guid:x-request-id") is "unsampled" or "after");
        Assert.DoesNotContain(second.Spans, s => s.Tag("guid:x-request-id") is "unsampled" or "before");

        // No tracing provider any more: no pipelines, and the caller's trace headers pass through as they came.
        Assert.True(proxy.Apply(Sidecar("productpage", null, null, upstream)));
        await Send(proxy, "untraced", ("x-b3-traceid", "463ac35c9f6413ad"), ("x-b3-spanid", "463ac35c9f6413ad"), ("traceparent", "garbage"));
        Assert.Empty(proxy.Tracer.LiveTargets);
        var seen = _app.Last!.Headers;
        Assert.Equal(("463ac35c9f6413ad", "463ac35c9f6413ad", "garbage"), (seen["x-b3-traceid"], seen["x-b3-spanid"], seen["traceparent"]));
        Assert.False(seen.ContainsKey("x-b3-sampled"));
        Assert.False(seen.ContainsKey("b3"));
    }

    private static async Task Send(ProxyUnderTest proxy, string requestId, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://reviews.default:8080/");
        request.Headers.Add("x-request-id", requestId);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        Assert.Equal(HttpStatusCode.OK, (await proxy.Client.SendAsync(request)).StatusCode);
    }
}
