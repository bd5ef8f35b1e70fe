using Switchboard.Cli.Top;

namespace Switchboard.Cli.Tests.Top;

/// <summary>Reading the text exposition: labels (escaped values), bare samples, special values, timestamps, junk skipped.</summary>
public sealed class PrometheusTextTests
{
    [Fact]
    public void Reads_samples_with_and_without_labels()
    {
        var samples = PrometheusText.Parse("""
            # HELP x something
            # TYPE istio_requests_total counter
            istio_requests_total{reporter="source",path="a\"b\\c\nd",empty=""} 12
            process_open_fds 40 1700000000000
            istio_request_duration_milliseconds_bucket{le="+Inf"} 3
            weird_gauge{} NaN
            broken{label="unterminated} 1
            no_value
            """);
        Assert.Equal(["istio_requests_total", "process_open_fds", "istio_request_duration_milliseconds_bucket", "weird_gauge"], samples.Select(s => s.Name));
        Assert.Equal("a\"b\\c\nd", samples[0]["path"]);
        Assert.Equal("", samples[0]["empty"]);
        Assert.Equal("source", samples[0]["reporter"]);
        Assert.Equal(12, samples[0].Value);
        Assert.Equal(40, samples[1].Value);
        Assert.Equal("+Inf", samples[2]["le"]);
        Assert.True(double.IsNaN(samples[3].Value));
    }

    [Fact]
    public void A_series_is_the_same_whatever_order_its_labels_come_in() =>
        Assert.Equal(PrometheusText.Parse("m{a=\"1\",b=\"2\"} 1")[0].SeriesKey, PrometheusText.Parse("m{b=\"2\",a=\"1\"} 5")[0].SeriesKey);
}
