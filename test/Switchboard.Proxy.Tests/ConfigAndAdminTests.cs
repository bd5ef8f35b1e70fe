using System.Net;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests;

/// <summary>Config swaps (good and bad), readiness and the admin listener.</summary>
public class ConfigAndAdminTests
{
    [Fact]
    public async Task Invalid_config_is_rejected_and_the_old_one_keeps_serving()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], ("", [v1])));
        var broken = Configs.Forward(matches: new RouteMatch { Path = new StringMatcher(MatchKind.Regex, "(unclosed") });
        Assert.False(proxy.Apply(Configs.With([broken], ("", [v1]))));
        Assert.Equal("v1", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
        var clusters = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.AdminPort}/clusters");
        Assert.Contains("last_rejected_config::", clusters);
    }

    [Fact]
    public async Task A_new_config_takes_effect_for_the_next_request()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        await using var v2 = await TestUpstream.StartAsync("v2");
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward("v1")], ("v1", [v1]), ("v2", [v2])));
        Assert.Equal("v1", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
        Assert.True(proxy.Apply(Configs.With([Configs.Forward("v2")], ("v1", [v1]), ("v2", [v2]))));
        Assert.Equal("v2", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
    }

    [Fact]
    public async Task A_config_swap_drops_no_in_flight_request()
    {
        await using var slow = await TestUpstream.StartAsync("slow");
        await using var other = await TestUpstream.StartAsync("other");
        slow.Delay = TimeSpan.FromMilliseconds(700);
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward("a")], ("a", [slow])));
        var inFlight = Enumerable.Range(0, 8).Select(_ => proxy.Client.GetAsync($"{Configs.Url}/")).ToList();
        while (slow.Requests < 8) await Task.Delay(10);
        // The swap removes the cluster these requests are using.
        Assert.True(proxy.Apply(Configs.With([Configs.Forward("b")], ("b", [other]))));
        foreach (var response in await Task.WhenAll(inFlight))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("slow", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal("other", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
    }

    [Fact]
    public async Task Ready_and_clusters_endpoints_answer_on_their_listeners_only()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], ("", [v1])));
        Assert.Equal("LIVE\n", await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.ReadyPort}/healthz/ready"));
        var clusters = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.AdminPort}/clusters");
        Assert.Contains($"{Configs.ClusterName()}::127.0.0.1:{v1.Port}::health_flags::healthy", clusters);
        Assert.Equal(HttpStatusCode.NotFound, (await proxy.Direct.GetAsync($"http://127.0.0.1:{proxy.ReadyPort}/clusters")).StatusCode);
    }

    [Fact]
    public async Task Metrics_count_requests_by_response_code_and_flags()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], ("", [v1])));
        for (var i = 0; i < 3; i++) await proxy.Client.GetStringAsync($"{Configs.Url}/");
        await proxy.Client.GetAsync("http://ratings.default:8080/");
        var text = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.MetricsPort}/stats/prometheus");
        Assert.Contains("reporter=\"source\",source_workload=\"productpage\",source_workload_namespace=\"default\"", text);
        Assert.Matches("istio_requests_total\\{[^}]*destination_service=\"reviews.default.svc.cluster.local\"[^}]*response_code=\"200\",grpc_response_status=\"\",response_flags=\"-\",connection_security_policy=\"unknown\"\\} 3", text);
        Assert.Matches("istio_requests_total\\{[^}]*response_code=\"404\",grpc_response_status=\"\",response_flags=\"NR\"[^}]*\\} 1", text);
        // Istio's whole label set, unknown where nothing says (no peer identity in static mode without a CA).
        foreach (var label in new[] { "source_principal=\"unknown\"", "source_canonical_service=\"productpage\"", "source_canonical_revision=\"latest\"",
            "source_cluster=\"Kubernetes\"", "destination_service_name=\"reviews\"", "destination_service_namespace=\"default\"", "request_protocol=\"http\"" })
            Assert.Contains(label, text);
        Assert.Matches("istio_request_bytes_count\\{[^}]*response_code=\"200\"[^}]*\\} 3", text);
        Assert.Matches("istio_response_bytes_sum\\{[^}]*response_code=\"200\"[^}]*\\} 6", text);
        Assert.Contains("istio_build{component=\"proxy\"", text);
        Assert.Contains("process_resident_memory_bytes ", text);
        Assert.Matches("istio_request_duration_milliseconds_count\\{[^}]*response_code=\"200\"[^}]*\\} 3", text);
        Assert.Contains("le=\"3600000\"", text);
    }

    [Fact]
    public async Task Json_access_log_has_one_object_per_request()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], ("", [v1])), encoding: Proxy.Telemetry.AccessLogEncoding.Json);
        await proxy.Client.GetStringAsync($"{Configs.Url}/json?x=1");
        await proxy.Client.GetAsync("http://ratings.default:8080/");
        var lines = proxy.AccessLog.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var ok = System.Text.Json.JsonDocument.Parse(lines[0]);
        Assert.Equal("/json?x=1", ok.RootElement.GetProperty("path").GetString());
        Assert.Equal(200, ok.RootElement.GetProperty("response_code").GetInt32());
        Assert.Equal(Configs.ClusterName(), ok.RootElement.GetProperty("upstream_cluster").GetString());
        using var nr = System.Text.Json.JsonDocument.Parse(lines[1]);
        Assert.Equal("NR", nr.RootElement.GetProperty("response_flags").GetString());
    }
}
