using System.Net;
using static Switchboard.Proxy.Tests.Telemetry.Tracing.TracedSidecars;

namespace Switchboard.Proxy.Tests.Telemetry.Tracing;

/// <summary>
/// A three-sidecar call chain on loopback, spans collected by a real OTLP/HTTP receiver:
/// client → A (outbound) → B (inbound, pod 127.0.0.2) → app b → B (outbound) → C (inbound, pod 127.0.0.3) → app c.
/// Whether the chain is one trace depends on app b forwarding the trace headers, as the seed warns (orphaned spans).
/// </summary>
public sealed class TraceChainTests : IAsyncLifetime
{
    private OtlpReceiver _collector = null!;
    private TestUpstream _appC = null!;
    private readonly List<IAsyncDisposable> _owned = [];

    public async Task InitializeAsync()
    {
        _collector = await OtlpReceiver.StartAsync();
        _appC = await TestUpstream.StartAsync("c");
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) await owned.DisposeAsync();
        await _appC.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task Forwarded_headers_make_the_four_spans_of_three_sidecars_one_trace()
    {
        var (proxyA, appB) = await ChainAsync(forwardHeaders: true);

        Assert.Equal(HttpStatusCode.OK, (await proxyA.Client.GetAsync("http://b.default:8080/hello")).StatusCode);

        // One request id end to end: A made it, app b forwarded it.
        var requestId = _appC.Last!.Headers["x-request-id"];
        Assert.Equal(requestId, appB.Last!.Headers["x-request-id"]);
        var spans = await _collector.WaitFor(s => s.Tag("guid:x-request-id") == requestId, count: 4);
        Assert.Equal(4, spans.Count);
        Assert.Single(spans.Select(s => s.TraceId).Distinct());
        var clientA = Assert.Single(spans, s => s.Service == "a.default");
        var serverB = Assert.Single(spans, s => s.Service == "b.default" && s.Kind == ReceivedSpan.ServerKind);
        var clientB = Assert.Single(spans, s => s.Service == "b.default" && s.Kind == ReceivedSpan.ClientKind);
        var serverC = Assert.Single(spans, s => s.Service == "c.default");
        Assert.Equal((ReceivedSpan.ClientKind, ""), (clientA.Kind, clientA.ParentSpanId));
        Assert.Equal(clientA.SpanId, serverB.ParentSpanId);
        Assert.Equal(serverB.SpanId, clientB.ParentSpanId);
        Assert.Equal((ReceivedSpan.ServerKind, clientB.SpanId), (serverC.Kind, serverC.ParentSpanId));
        // Both sides of a hop carry the operation of the service they are about.
        Assert.Equal($"{Fqdn("b")}:8080/*", clientA.Name);
        Assert.Equal($"{Fqdn("b")}:8080/*", serverB.Name);
        Assert.Equal($"{Fqdn("c")}:8080/*", clientB.Name);
        Assert.Equal($"{Fqdn("c")}:8080/*", serverC.Name);

        // The app at the end sees C's server span in both families, under B's client span.
        var seen = _appC.Last.Headers;
        Assert.Equal(clientA.TraceId, seen["x-b3-traceid"]);
        Assert.Equal(serverC.SpanId, seen["x-b3-spanid"]);
        Assert.Equal(clientB.SpanId, seen["x-b3-parentspanid"]);
        Assert.Equal("1", seen["x-b3-sampled"]);
        Assert.Equal($"{clientA.TraceId}-{serverC.SpanId}-1-{clientB.SpanId}", seen["b3"]);
        Assert.Equal($"00-{clientA.TraceId}-{serverC.SpanId}-01", seen["traceparent"]);
    }

    [Fact]
    public async Task An_app_that_drops_the_headers_splits_the_chain_into_two_traces()
    {
        var (proxyA, appB) = await ChainAsync(forwardHeaders: false);

        Assert.Equal(HttpStatusCode.OK, (await proxyA.Client.GetAsync("http://b.default:8080/hello")).StatusCode);

        // B's outbound side met a request with no id and no context: a new request id, a new trace.
        var first = appB.Last!.Headers["x-request-id"];
        var second = _appC.Last!.Headers["x-request-id"];
        Assert.NotEqual(first, second);
        var upper = await _collector.WaitFor(s => s.Tag("guid:x-request-id") == first, count: 2);
        var lower = await _collector.WaitFor(s => s.Tag("guid:x-request-id") == second, count: 2);
        Assert.Single(upper.Select(s => s.TraceId).Distinct());
        Assert.Single(lower.Select(s => s.TraceId).Distinct());
        Assert.NotEqual(upper[0].TraceId, lower[0].TraceId);
        // The orphan: B's client span starts a trace of its own instead of continuing under B's server span.
        var orphan = Assert.Single(lower, s => s.Kind == ReceivedSpan.ClientKind);
        Assert.Equal(("b.default", ""), (orphan.Service, orphan.ParentSpanId));
        Assert.Equal(orphan.SpanId, Assert.Single(lower, s => s.Kind == ReceivedSpan.ServerKind).ParentSpanId);
    }

    /// <summary>Starts C, then B (whose app calls C through it), then A; A's proxy client is the chain's entry.</summary>
    private async Task<(ProxyUnderTest ProxyA, RelayApp AppB)> ChainAsync(bool forwardHeaders)
    {
        var appB = Own(await RelayApp.StartAsync(forwardHeaders));
        var policy = _collector.Policy(sampling: 100);
        Own(await ProxyUnderTest.StartAsync(Sidecar("c", null, policy), inbound: [PodAddress(3, _appC.Port)]));
        var proxyB = Own(await ProxyUnderTest.StartAsync(Sidecar("b", policy, policy, ("c", "127.0.0.3", _appC.Port)), inbound: [PodAddress(2, appB.Port)]));
        appB.CallThrough(proxyB.OutboundPort, "http://c.default:8080/");
        var proxyA = Own(await ProxyUnderTest.StartAsync(Sidecar("a", policy, null, ("b", "127.0.0.2", appB.Port))));
        return (proxyA, appB);
    }

    private T Own<T>(T owned) where T : IAsyncDisposable
    {
        _owned.Add(owned);
        return owned;
    }
}
