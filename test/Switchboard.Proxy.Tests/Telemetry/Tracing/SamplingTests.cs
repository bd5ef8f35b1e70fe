using System.Net;
using Switchboard.Translation.ProxyConfig;
using static Switchboard.Proxy.Tests.Telemetry.Tracing.TracedSidecars;

namespace Switchboard.Proxy.Tests.Telemetry.Tracing;

/// <summary>
/// Which requests a client sidecar reports: its sampling percentage for new traces, and the caller's decision
/// (B3 or W3C) whenever there is one. Unsampled requests still carry ids downstream (sampled=0) and export nothing.
/// "Nothing" is checked by a sampled marker sent afterwards: spans leave in the order they end, so once the marker
/// has arrived, an earlier span that was going to be exported would have arrived too.
/// </summary>
public sealed class SamplingTests : IAsyncLifetime
{
    private OtlpReceiver _collector = null!;
    private TestUpstream _app = null!;

    public async Task InitializeAsync()
    {
        _collector = await OtlpReceiver.StartAsync();
        _app = await TestUpstream.StartAsync("reviews");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task At_100_percent_every_new_trace_is_reported_and_at_0_none_but_ids_still_propagate()
    {
        await using (var all = await StartAsync(100))
        {
            for (var i = 0; i < 5; i++) await Send(all, $"all-{i}");
            Assert.Equal("1", _app.Last!.Headers["x-b3-sampled"]);
            Assert.EndsWith("-01", _app.Last.Headers["traceparent"]);
            Assert.Equal(5, (await _collector.WaitFor(s => s.Tag("guid:x-request-id").StartsWith("all-", StringComparison.Ordinal), count: 5)).Count);
        }
        await using var none = await StartAsync(0);
        for (var i = 0; i < 5; i++)
        {
            await Send(none, $"none-{i}");
            var seen = _app.Last!.Headers;
            Assert.Equal("0", seen["x-b3-sampled"]);
            Assert.Matches("^[0-9a-f]{32}$", seen["x-b3-traceid"]);
            Assert.Matches("^[0-9a-f]{16}$", seen["x-b3-spanid"]);
            Assert.Equal($"00-{seen["x-b3-traceid"]}-{seen["x-b3-spanid"]}-00", seen["traceparent"]);
        }
        await Send(none, "marker", ("x-b3-sampled", "1"));
        await _collector.WaitFor(s => s.Tag("guid:x-request-id") == "marker");
        Assert.DoesNotContain(_collector.Spans, s => s.Tag("guid:x-request-id").StartsWith("none-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_callers_decision_wins_over_the_percentage_either_way()
    {
        const string trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string parent = "00f067aa0ba902b7";
        await using (var never = await StartAsync(0))
        {
            // x-b3-sampled: 1 alone (no ids): a new trace, reported although the proxy samples nothing.
            await Send(never, "b3-yes", ("x-b3-sampled", "1"));
            // A W3C caller that sampled: the span continues its trace under its span.
            await Send(never, "w3c-yes", ("traceparent", $"00-{trace}-{parent}-01"));
            var b3 = Assert.Single(await _collector.WaitFor(s => s.Tag("guid:x-request-id") == "b3-yes"));
            var w3c = Assert.Single(await _collector.WaitFor(s => s.Tag("guid:x-request-id") == "w3c-yes"));
            Assert.Equal("", b3.ParentSpanId);
            Assert.Equal((trace, parent), (w3c.TraceId, w3c.ParentSpanId));
        }
        await using var always = await StartAsync(100);
        // A B3 caller that did not sample: nothing reported, and the decision and its trace travel on under a new span.
        await Send(always, "b3-no", ("x-b3-traceid", trace), ("x-b3-spanid", parent), ("x-b3-sampled", "0"));
        var seen = _app.Last!.Headers;
        Assert.Equal((trace, parent, "0"), (seen["x-b3-traceid"], seen["x-b3-parentspanid"], seen["x-b3-sampled"]));
        Assert.NotEqual(parent, seen["x-b3-spanid"]);
        await Send(always, "w3c-no", ("traceparent", $"00-{trace}-{parent}-00"), ("tracestate", "vendor=opaque"));
        Assert.Equal("vendor=opaque", _app.Last!.Headers["tracestate"]);
        Assert.EndsWith("-00", _app.Last.Headers["traceparent"]);
        await Send(always, "marker");
        await _collector.WaitFor(s => s.Tag("guid:x-request-id") == "marker");
        Assert.DoesNotContain(_collector.Spans, s => s.Tag("guid:x-request-id") is "b3-no" or "w3c-no");
    }

    [Fact]
    public async Task Sampling_draws_from_the_proxys_injected_randomness()
    {
        // Two proxies with the same seed make the same choices for the same sequence of new traces.
        var choices = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            await using var proxy = await StartAsync(50, seed: 7);
            var sampled = "";
            for (var i = 0; i < 20; i++)
            {
                await Send(proxy, $"seeded-{run}-{i}");
                sampled += _app.Last!.Headers["x-b3-sampled"];
            }
            choices.Add(sampled);
        }
        Assert.Equal(choices[0], choices[1]);
        Assert.Contains('0', choices[0]);
        Assert.Contains('1', choices[0]);
    }

    private Task<ProxyUnderTest> StartAsync(double sampling, int seed = 42) =>
        ProxyUnderTest.StartAsync(Sidecar("productpage", _collector.Policy(sampling), null, ("reviews", "127.0.0.1", _app.Port)), seed: seed);

    private static async Task Send(ProxyUnderTest proxy, string requestId, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://reviews.default:8080/");
        request.Headers.Add("x-request-id", requestId);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        Assert.Equal(HttpStatusCode.OK, (await proxy.Client.SendAsync(request)).StatusCode);
    }
}
