using System.Net;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests.Telemetry;

/// <summary>
/// A provider's logFormat.text on a real proxy: requests through it are logged in that format, from the same request the
/// filter reads; a config whose format does not compile is rejected (the proxy keeps serving its previous config).
/// </summary>
public sealed class AccessLogFormatTests
{
    private static ProxyConfig WithLog(TestUpstream upstream, string format, string? filter = null) => Configs.With([Configs.Forward()], ("", [upstream])) with
    {
        Telemetry = new TelemetryPolicy { ClientAccessLog = new AccessLogPolicy { Sinks = [new AccessLogSink { Provider = "audit", Format = format, Filter = filter }] } },
    };

    [Fact]
    public async Task Requests_are_logged_in_the_providers_format()
    {
        await using var upstream = await TestUpstream.StartAsync("v1");
        await using var proxy = await ProxyUnderTest.StartAsync(WithLog(upstream,
            "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %RESPONSE_CODE% %RESPONSE_FLAGS% bytes=%BYTES_SENT% %REQ(X-TENANT?USER-AGENT):6% %UPSTREAM_CLUSTER% \"%UPSTREAM_HOST%\" %START_TIME(%Y)%\n",
            filter: "request.url_path != '/quiet'"));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Configs.Url}/charge?id=7");
        request.Headers.UserAgent.ParseAdd("load-client/1.0");
        Assert.Equal(HttpStatusCode.OK, (await proxy.Client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await proxy.Client.GetAsync($"{Configs.Url}/quiet")).StatusCode);
        var line = Assert.Single(proxy.AccessLog.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($@"^GET /charge\?id=7 200 - bytes=2 load-c {System.Text.RegularExpressions.Regex.Escape(Configs.ClusterName())} ""127\.0\.0\.1:{upstream.Port}"" 20\d\d$", line.TrimEnd('\r'));
    }

    [Fact]
    public async Task A_format_that_does_not_compile_is_rejected_and_the_old_config_serves()
    {
        await using var upstream = await TestUpstream.StartAsync("v1");
        await using var proxy = await ProxyUnderTest.StartAsync(WithLog(upstream, "%RESPONSE_CODE%"));
        Assert.False(proxy.Apply(WithLog(upstream, "%RESPONSE_COD% %REQ%")));
        Assert.Contains("unknown command operator %RESPONSE_COD%", proxy.Holder.LastError);
        Assert.Equal("v1", await proxy.Client.GetStringAsync($"{Configs.Url}/"));
        Assert.Equal("200", proxy.AccessLog.ToString().Trim());
    }
}
