using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests;

/// <summary>Retries, timeouts, faults and failure answers, on real connections.</summary>
public class ResilienceTests
{
    private static RetryPolicy Retry(int attempts, string retryOn, TimeSpan? perTry = null) => new()
    {
        Attempts = attempts,
        RetryOn = retryOn.Split(','),
        PerTryTimeout = perTry,
        BaseBackoff = TimeSpan.FromMilliseconds(1),
    };

    [Fact]
    public async Task Retries_hide_two_failures_and_the_caller_sees_the_success()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        v1.FailNext(2);
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward(retry: Retry(3, "5xx"))], ("", [v1])));
        var response = await proxy.Client.GetAsync($"{Configs.Url}/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("v1", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, v1.Requests);
    }

    [Fact]
    public async Task When_tries_run_out_the_last_upstream_answer_is_returned()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        v1.FailNext(5, 503);
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward(retry: Retry(2, "gateway-error"))], ("", [v1])));
        var response = await proxy.Client.GetAsync($"{Configs.Url}/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("v1 failing", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, v1.Requests);
    }

    [Fact]
    public async Task Status_not_in_retry_on_is_not_retried()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        v1.FailNext(1, 500);
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward(retry: Retry(3, "gateway-error"))], ("", [v1])));
        Assert.Equal(HttpStatusCode.InternalServerError, (await proxy.Client.GetAsync($"{Configs.Url}/")).StatusCode);
        Assert.Equal(1, v1.Requests);
    }

    [Fact]
    public async Task Retriable_status_codes_retry_bare_codes()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        v1.FailNext(1, 418);
        var retry = Retry(1, "retriable-status-codes") with { RetriableStatusCodes = [418] };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward(retry: retry)], ("", [v1])));
        Assert.Equal(HttpStatusCode.OK, (await proxy.Client.GetAsync($"{Configs.Url}/")).StatusCode);
    }

    [Fact]
    public async Task A_retry_lands_on_a_different_host()
    {
        await using var bad = await TestUpstream.StartAsync("bad");
        await using var good = await TestUpstream.StartAsync("good");
        bad.FailNext(1000);
        good.FailNext(1000);
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward(retry: Retry(1, "5xx"))], ("", [bad, good])));
        good.FailNext(0);
        for (var i = 0; i < 10; i++)
        {
            // Whichever host the first try picks, the retry must pick the other one, and good answers.
            Assert.Equal("good", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
        }
    }

    [Fact]
    public async Task Post_body_is_sent_again_on_retry()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        v1.FailNext(1);
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward(retry: Retry(2, "5xx"))], ("", [v1])));
        var response = await proxy.Client.PostAsync($"{Configs.Url}/charge", new StringContent("{\"amount\":42}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"amount\":42}", v1.Last!.Body);
    }

    [Fact]
    public async Task Route_timeout_answers_504_UT()
    {
        await using var slow = await TestUpstream.StartAsync("slow");
        slow.Delay = TimeSpan.FromSeconds(20);
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward(timeout: TimeSpan.FromMilliseconds(200))], ("", [slow])));
        var clock = Stopwatch.StartNew();
        var response = await proxy.Client.GetAsync($"{Configs.Url}/");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("upstream request timeout", await response.Content.ReadAsStringAsync());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains(" 504 UT ", proxy.AccessLog.ToString());
    }

    [Fact]
    public async Task Per_try_timeout_moves_on_to_a_faster_host()
    {
        await using var slow = await TestUpstream.StartAsync("slow");
        await using var fast = await TestUpstream.StartAsync("fast");
        slow.Delay = TimeSpan.FromSeconds(20);
        var route = Configs.Forward(retry: Retry(1, "5xx", perTry: TimeSpan.FromMilliseconds(300)), timeout: TimeSpan.FromSeconds(10));
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([route], ("", [slow, fast])));
        for (var i = 0; i < 4; i++) Assert.Equal("fast", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
    }

    [Fact]
    public async Task Connection_refused_is_503_UF_and_retried_elsewhere_when_allowed()
    {
        await using var good = await TestUpstream.StartAsync("good");
        var closed = ClosedPort();
        await using var noRetry = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { closed }, null)]));
        var response = await noRetry.Client.GetAsync($"{Configs.Url}/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("connection failure", await response.Content.ReadAsStringAsync());
        Assert.Contains(" 503 UF ", noRetry.AccessLog.ToString());

        await using var withRetry = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward(retry: Retry(2, "connect-failure"))], [("", new[] { closed, good.Port }, null)]));
        for (var i = 0; i < 5; i++) Assert.Equal("good", await withRetry.Client.GetStringAsync($"{Configs.Url}/"));
    }

    [Fact]
    public async Task Cluster_without_endpoints_is_503_UH()
    {
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward("canary")], [("canary", Array.Empty<int>(), null)]));
        var response = await proxy.Client.GetAsync($"{Configs.Url}/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("no healthy upstream", await response.Content.ReadAsStringAsync());
        Assert.Contains(" 503 UH ", proxy.AccessLog.ToString());
    }

    [Fact]
    public async Task Missing_cluster_is_503_NC()
    {
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward("v2-canary")], Array.Empty<(string, TestUpstream[])>()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await proxy.Client.GetAsync($"{Configs.Url}/")).StatusCode);
        Assert.Contains(" 503 NC ", proxy.AccessLog.ToString());
    }

    [Fact]
    public async Task Pool_overflow_is_503_UO_at_once_and_the_host_stays_in_service()
    {
        await using var slow = await TestUpstream.StartAsync("slow");
        slow.Delay = TimeSpan.FromSeconds(5);
        Func<Cluster, Cluster> tiny = c => c with { ConnectionPool = new ConnectionPool { MaxConnections = 1, MaxPendingRequests = 0, MaxRequests = 1 } };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], [("", new[] { slow.Port }, tiny)]));
        var first = proxy.Client.GetAsync($"{Configs.Url}/");
        while (slow.Requests == 0) await Task.Delay(10);
        var clock = Stopwatch.StartNew();
        var overflow = await proxy.Client.GetAsync($"{Configs.Url}/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, overflow.StatusCode);
        Assert.Equal("true", overflow.Headers.GetValues("x-envoy-overloaded").Single());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"overflow must not wait for the pool (took {clock.Elapsed})");
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        slow.Delay = TimeSpan.Zero;
        Assert.Equal(HttpStatusCode.OK, (await proxy.Client.GetAsync($"{Configs.Url}/")).StatusCode);
    }

    [Fact]
    public async Task Fault_abort_and_delay_apply_to_their_percentage_and_turn_retries_off()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        var abort = Configs.Forward(retry: Retry(3, "5xx"), matches: new RouteMatch { Path = new StringMatcher(MatchKind.Prefix, "/abort") })
            with { Fault = new FaultPolicy { AbortStatus = 418, AbortPercentage = 100 } };
        var delay = Configs.Forward(matches: new RouteMatch { Path = new StringMatcher(MatchKind.Prefix, "/delay") })
            with { Fault = new FaultPolicy { Delay = TimeSpan.FromMilliseconds(300), DelayPercentage = 100 } };
        var none = Configs.Forward(matches: new RouteMatch { Path = new StringMatcher(MatchKind.Prefix, "/never") })
            with { Fault = new FaultPolicy { AbortStatus = 500, AbortPercentage = 0 } };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([abort, delay, none], ("", [v1])));
        var aborted = await proxy.Client.GetAsync($"{Configs.Url}/abort");
        Assert.Equal((HttpStatusCode)418, aborted.StatusCode);
        Assert.Equal("fault filter abort", await aborted.Content.ReadAsStringAsync());
        Assert.Equal(0, v1.Requests);
        var clock = Stopwatch.StartNew();
        Assert.Equal("v1", await proxy.Client.GetStringAsync($"{Configs.Url}/delay"));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"delay was {clock.Elapsed}");
        Assert.Equal("v1", await proxy.Client.GetStringAsync($"{Configs.Url}/never"));
        var log = proxy.AccessLog.ToString();
        Assert.Contains(" 418 FI ", log);
        Assert.Contains(" 200 DI ", log);
    }

    [Fact]
    public async Task Grpc_abort_is_a_trailers_only_grpc_status()
    {
        var route = Configs.Forward() with { Fault = new FaultPolicy { AbortGrpcStatus = "UNAVAILABLE", AbortPercentage = 100 } };
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([route], Array.Empty<(string, TestUpstream[])>()));
        var response = await proxy.Client.GetAsync($"{Configs.Url}/pkg.Service/Method");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("14", response.Headers.GetValues("grpc-status").Single());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
