using System.Net;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests;

/// <summary>Outlier ejection and return on real traffic, with Envoy's max-ejection-percent rule.</summary>
public class OutlierDetectionTests
{
    private static Func<Cluster, Cluster> Outlier(int maxEjectionPercent, TimeSpan baseEjection) =>
        c => c with { Outlier = new OutlierPolicy { Consecutive5xxErrors = 3, MaxEjectionPercent = maxEjectionPercent, BaseEjectionTime = baseEjection, Interval = TimeSpan.FromSeconds(10) } };

    [Fact]
    public async Task Failing_host_is_ejected_then_returns_after_the_ejection_time()
    {
        await using var bad = await TestUpstream.StartAsync("bad");
        await using var good = await TestUpstream.StartAsync("good");
        bad.FailNext(1000, 500);
        var config = Configs.With([Configs.Forward()], [("", new[] { bad.Port, good.Port }, Outlier(100, TimeSpan.FromMilliseconds(1500)))]);
        await using var proxy = await ProxyUnderTest.StartAsync(config);
        for (var i = 0; i < 30; i++) await proxy.Client.GetAsync($"{Configs.Url}/");
        Assert.Equal(3, bad.Requests); // ejected at the third consecutive 500
        var clusters = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.AdminPort}/clusters");
        Assert.Contains($"127.0.0.1:{bad.Port}::health_flags::/failed_outlier_check", clusters);
        var stats = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.AdminPort}/stats");
        Assert.Contains($"cluster.{Configs.ClusterName()}.outlier_detection.ejections_enforced_total: 1", stats);
        Assert.Contains($"cluster.{Configs.ClusterName()}.membership_healthy: 1", stats);

        bad.FailNext(0);
        await Task.Delay(1700);
        for (var i = 0; i < 40; i++) await proxy.Client.GetAsync($"{Configs.Url}/");
        Assert.True(bad.Requests > 3, "the host returns to service after baseEjectionTime");
    }

    [Fact]
    public async Task Default_ten_percent_never_ejects_from_a_small_cluster()
    {
        // Envoy: (ejected + 1) / hosts must stay ≤ maxEjectionPercent; with 2 hosts that is 50% > 10%.
        await using var bad = await TestUpstream.StartAsync("bad");
        await using var good = await TestUpstream.StartAsync("good");
        bad.FailNext(1000, 500);
        var config = Configs.With([Configs.Forward()], [("", new[] { bad.Port, good.Port }, Outlier(10, TimeSpan.FromSeconds(30)))]);
        await using var proxy = await ProxyUnderTest.StartAsync(config);
        for (var i = 0; i < 40; i++) await proxy.Client.GetAsync($"{Configs.Url}/");
        Assert.True(bad.Requests > 6, $"bad got {bad.Requests} requests; it must not have been ejected");
    }

    [Fact]
    public async Task Overflow_503_does_not_count_against_the_host()
    {
        await using var slow = await TestUpstream.StartAsync("slow");
        // Long enough that the five overflow requests all land while the first one holds the only slot, even on a busy machine.
        slow.Delay = TimeSpan.FromSeconds(2);
        Func<Cluster, Cluster> shape = c => Outlier(100, TimeSpan.FromSeconds(30))(c) with
        {
            ConnectionPool = new ConnectionPool { MaxConnections = 1, MaxPendingRequests = 0, MaxRequests = 1 },
        };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { slow.Port }, shape)]));
        var inFlight = proxy.Client.GetAsync($"{Configs.Url}/");
        while (slow.Requests == 0) await Task.Delay(10);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.ServiceUnavailable, (await proxy.Client.GetAsync($"{Configs.Url}/")).StatusCode);
        await inFlight;
        slow.Delay = TimeSpan.Zero;
        Assert.Equal(HttpStatusCode.OK, (await proxy.Client.GetAsync($"{Configs.Url}/")).StatusCode);
        var stats = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.AdminPort}/stats");
        Assert.Contains($"cluster.{Configs.ClusterName()}.upstream_rq_pending_overflow: 5", stats);
        Assert.Contains($"cluster.{Configs.ClusterName()}.outlier_detection.ejections_enforced_total: 0", stats);
    }
}

/// <summary>The cluster-wide retry budget (connectionPool.http.maxRetries) and per-endpoint counters.</summary>
public class RetryBudgetTests
{
    [Fact]
    public async Task With_no_retry_budget_the_upstream_answer_is_returned_as_is()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        v1.FailNext(1, 503);
        var retry = new RetryPolicy { Attempts = 3, RetryOn = ["5xx"], BaseBackoff = TimeSpan.FromMilliseconds(1) };
        Func<Cluster, Cluster> noRetries = c => c with { ConnectionPool = new ConnectionPool { MaxRetries = 0 } };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward(retry: retry)], [("", new[] { v1.Port }, noRetries)]));
        var response = await proxy.Client.GetAsync($"{Configs.Url}/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("v1 failing", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, v1.Requests);
        var clusters = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.AdminPort}/clusters");
        Assert.Contains($"{Configs.ClusterName()}::retry_overflow::1", clusters);
        Assert.Contains($"{Configs.ClusterName()}::127.0.0.1:{v1.Port}::rq_error::1", clusters);

        Assert.Equal(HttpStatusCode.OK, (await proxy.Client.GetAsync($"{Configs.Url}/")).StatusCode);
        clusters = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.AdminPort}/clusters");
        Assert.Contains($"{Configs.ClusterName()}::127.0.0.1:{v1.Port}::rq_success::1", clusters);
    }
}
