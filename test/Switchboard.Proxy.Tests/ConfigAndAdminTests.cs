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
    public async Task Ready_and_clusters_endpoints_answer_on_their_listeners_only()
    {
        await using var v1 = await TestUpstream.StartAsync("v1");
        await using var proxy = await ProxyUnderTest.StartAsync(Configs.With([Configs.Forward()], ("", [v1])));
        Assert.Equal("LIVE\n", await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.ReadyPort}/healthz/ready"));
        var clusters = await proxy.Direct.GetStringAsync($"http://127.0.0.1:{proxy.AdminPort}/clusters");
        Assert.Contains($"{Configs.ClusterName()}::127.0.0.1:{v1.Port}::health_flags::healthy", clusters);
        Assert.Equal(HttpStatusCode.NotFound, (await proxy.Direct.GetAsync($"http://127.0.0.1:{proxy.ReadyPort}/clusters")).StatusCode);
    }
}
