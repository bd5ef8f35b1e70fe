using System.Net;
using System.Text.RegularExpressions;
using Switchboard.Proxy.Telemetry.Metrics;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests.Telemetry;

/// <summary>
/// A Telemetry that disables every metric turns the per-request metric work off, as Envoy's stats filter does when it is
/// off: which overrides count as "all off" for a reporter, requests under such a config leave no trace in the series
/// (not just hidden at scrape time), body counting is skipped only when no access log reads the counts, and a request
/// begun uncounted is not reported half-measured when the config turns metrics back on before it ends.
/// </summary>
public sealed class MetricsOffTests
{
    private static MetricOverride Off(string metric = "ALL_METRICS", string mode = "CLIENT_AND_SERVER", bool disabled = true) =>
        new() { Metric = metric, Mode = mode, Disabled = disabled };

    private static ProxyConfig Config(TestUpstream upstream, IReadOnlyList<MetricOverride> overrides, AccessLogPolicy? log = null) =>
        Configs.With([Configs.Forward()], ("", [upstream])) with
        {
            Telemetry = new TelemetryPolicy { MetricOverrides = overrides, ClientAccessLog = log ?? new AccessLogPolicy() },
        };

    private static async Task<long> RequestsTotal(ProxyUnderTest proxy)
    {
        var text = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.MetricsPort}/stats/prometheus");
        return Regex.Matches(text, @"^istio_requests_total\{[^}]*\} (\d+)$", RegexOptions.Multiline).Sum(m => long.Parse(m.Groups[1].Value));
    }

    [Fact]
    public void A_reporter_is_off_only_when_every_HTTP_metric_is_disabled_for_it()
    {
        Assert.False(new MetricView([]).HttpOff(Reporter.Source));
        var all = new MetricView([Off()]);
        Assert.True(all.HttpOff(Reporter.Source));
        Assert.True(all.HttpOff(Reporter.Destination));
        var client = new MetricView([Off(mode: "CLIENT")]);
        Assert.True(client.HttpOff(Reporter.Source));
        Assert.False(client.HttpOff(Reporter.Destination));
        // One metric off is not all; nor is ALL_METRICS off with one turned back on by a later rule.
        Assert.False(new MetricView([Off("REQUEST_COUNT")]).HttpOff(Reporter.Source));
        Assert.False(new MetricView([Off(), Off("REQUEST_DURATION", disabled: false)]).HttpOff(Reporter.Source));
        // Every HTTP metric named one by one is all of them.
        Assert.True(new MetricView(new[] { "REQUEST_COUNT", "REQUEST_DURATION", "REQUEST_SIZE", "RESPONSE_SIZE", "GRPC_REQUEST_MESSAGES", "GRPC_RESPONSE_MESSAGES" }
            .Select(m => Off(m)).ToList()).HttpOff(Reporter.Source));
    }

    [Fact]
    public async Task Requests_with_all_metrics_disabled_are_not_recorded_at_all()
    {
        await using var upstream = await TestUpstream.StartAsync("v1");
        await using var proxy = await ProxyUnderTest.StartAsync(Config(upstream, [Off()]));
        for (var i = 0; i < 3; i++) Assert.Equal("v1", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
        Assert.Equal(0, await RequestsTotal(proxy));
        // Turned back on, the series hold only what came after: the three were never counted, not merely hidden.
        Assert.True(proxy.Apply(Config(upstream, [])));
        Assert.Equal("v1", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
        Assert.Equal(1, await RequestsTotal(proxy));
    }

    [Fact]
    public async Task An_access_log_that_writes_still_gets_counted_bytes_with_metrics_off()
    {
        await using var upstream = await TestUpstream.StartAsync("v1");
        var log = new AccessLogPolicy { Sinks = [new AccessLogSink { Provider = "audit", Format = "received=%BYTES_RECEIVED% sent=%BYTES_SENT%\n" }] };
        await using var proxy = await ProxyUnderTest.StartAsync(Config(upstream, [Off()], log));
        // Chunked: no Content-Length for the log to fall back on, so only a counted body gives received=11.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Configs.Url}/charge") { Content = new StringContent("amount=1250") };
        request.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.OK, (await proxy.Client.SendAsync(request)).StatusCode);
        Assert.Equal("amount=1250", upstream.Last!.Body);
        Assert.Equal("received=11 sent=2", proxy.AccessLog.ToString().Trim());
    }

    [Theory]
    [InlineData(false, 0)] // nothing read the counts, so none were taken: the request is not reported half-measured
    [InlineData(true, 1)] // the access log wanted the counts, so they were taken and the request is reported
    public async Task A_request_begun_with_metrics_off_is_reported_only_if_its_bodies_were_counted(bool logWrites, long reported)
    {
        await using var upstream = await TestUpstream.StartAsync("v1");
        upstream.Delay = TimeSpan.FromMilliseconds(800);
        AccessLogPolicy? log = logWrites ? AccessLogPolicy.Stdout : null;
        await using var proxy = await ProxyUnderTest.StartAsync(Config(upstream, [Off()], log));
        var pending = proxy.Client.GetStringAsync($"{Configs.Url}/slow");
        Assert.True(await Wait.Until(() => Task.FromResult(upstream.Requests == 1), 10));
        Assert.True(proxy.Apply(Config(upstream, [], log)));
        Assert.Equal("v1", await pending);
        Assert.Equal(reported, await RequestsTotal(proxy));
    }
}
