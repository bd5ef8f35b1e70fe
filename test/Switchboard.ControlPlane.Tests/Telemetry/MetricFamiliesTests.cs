using Switchboard.ControlPlane.Telemetry;

namespace Switchboard.ControlPlane.Tests.Telemetry;

/// <summary>Merging proxies' expositions: families once and together, samples labelled with their pod, only Istio's kept.</summary>
public sealed class MetricFamiliesTests
{
    private const string PodA = """
        # TYPE istio_build gauge
        istio_build{component="proxy",tag="1.0"} 1
        # TYPE istio_requests_total counter
        istio_requests_total{reporter="destination",response_code="200"} 7
        # TYPE istio_request_duration_milliseconds histogram
        istio_request_duration_milliseconds_bucket{reporter="destination",le="+Inf"} 7
        istio_request_duration_milliseconds_sum{reporter="destination"} 12.5
        istio_request_duration_milliseconds_count{reporter="destination"} 7
        # TYPE process_open_fds gauge
        process_open_fds 40

        """;

    private const string PodB = """
        # TYPE istio_requests_total counter
        istio_requests_total{reporter="destination",response_code="200"} 3
        # TYPE istio_unlabelled gauge
        istio_unlabelled 1
        # TYPE istio_empty gauge
        istio_empty{} 2

        """;

    [Fact]
    public void Families_are_merged_once_each_with_every_sample_labelled_by_its_pod()
    {
        var families = new MetricFamilies("istio_");
        families.Add(PodA, "namespace=\"prod\",pod=\"a\"");
        families.Add(PodB, "namespace=\"prod\",pod=\"b\"");
        families.Gauge("istio_scrape_up_for_test", "namespace=\"prod\",pod=\"c\"", 0);
        Assert.Equal("""
            # TYPE istio_build gauge
            istio_build{namespace="prod",pod="a",component="proxy",tag="1.0"} 1
            # TYPE istio_empty gauge
            istio_empty{namespace="prod",pod="b"} 2
            # TYPE istio_request_duration_milliseconds histogram
            istio_request_duration_milliseconds_bucket{namespace="prod",pod="a",reporter="destination",le="+Inf"} 7
            istio_request_duration_milliseconds_sum{namespace="prod",pod="a",reporter="destination"} 12.5
            istio_request_duration_milliseconds_count{namespace="prod",pod="a",reporter="destination"} 7
            # TYPE istio_requests_total counter
            istio_requests_total{namespace="prod",pod="a",reporter="destination",response_code="200"} 7
            istio_requests_total{namespace="prod",pod="b",reporter="destination",response_code="200"} 3
            # TYPE istio_scrape_up_for_test gauge
            istio_scrape_up_for_test{namespace="prod",pod="c"} 0
            # TYPE istio_unlabelled gauge
            istio_unlabelled{namespace="prod",pod="b"} 1

            """, families.Render());
    }

    [Theory]
    [InlineData("plain", "pod=\"plain\"")]
    [InlineData("quo\"te", "pod=\"quo\\\"te\"")]
    [InlineData("back\\slash\nline", "pod=\"back\\\\slash\\nline\"")]
    public void Label_values_are_escaped_as_the_text_format_requires(string value, string expected) =>
        Assert.Equal(expected, MetricFamilies.Label("pod", value));
}
