using Switchboard.Proxy.Telemetry.Metrics;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests.Telemetry;

/// <summary>When the Telemetry API turns every HTTP metric off for a reporter, its requests are not recorded at all.</summary>
public sealed class MetricViewTests
{
    [Fact]
    public void Disabling_all_metrics_for_a_side_stops_recording_that_side_only()
    {
        var view = new MetricView([new MetricOverride { Metric = "ALL_METRICS", Mode = "CLIENT", Disabled = true }]);
        Assert.True(view.RecordsNoHttp(Reporter.Source));
        Assert.False(view.RecordsNoHttp(Reporter.Destination));
    }

    [Fact]
    public void One_metric_off_or_a_later_rule_turning_them_on_again_keeps_recording()
    {
        Assert.False(new MetricView([new MetricOverride { Metric = "REQUEST_COUNT", Disabled = true }]).RecordsNoHttp(Reporter.Source));
        Assert.False(new MetricView([new MetricOverride { Disabled = true }, new MetricOverride { Metric = "REQUEST_DURATION", Disabled = false }]).RecordsNoHttp(Reporter.Source));
        Assert.True(new MetricView([new MetricOverride { Disabled = true }]).RecordsNoHttp(Reporter.Destination));
        Assert.False(MetricView.Default.RecordsNoHttp(Reporter.Source));
    }

    [Fact]
    public async Task A_proxy_with_metrics_off_records_no_request_series()
    {
        await using var upstream = await TestUpstream.StartAsync("payment-v1");
        var config = Configs.With([Configs.Forward("")], [("", [upstream])]);
        await using var proxy = await ProxyUnderTest.StartAsync(config with { Telemetry = config.Telemetry with { MetricOverrides = [new MetricOverride { Disabled = true }] } });
        Assert.Equal(System.Net.HttpStatusCode.OK, (await proxy.Client.GetAsync($"{Configs.Url}/")).StatusCode);
        var scrape = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.MetricsPort}/stats/prometheus");
        Assert.DoesNotContain("istio_requests_total{", scrape);
        Assert.Contains("istio_build", scrape);
        // Not merely hidden at scrape time: nothing was recorded (the unfiltered view has no request series either).
        Assert.DoesNotContain("istio_requests_total{", proxy.Metrics.Render(MetricView.Default));
    }
}
