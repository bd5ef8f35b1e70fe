using Switchboard.Runtime.Capture;

namespace Switchboard.Runtime.Tests.Capture;

/// <summary>The facts about the generated rules that capture depends on, asserted one by one (the goldens show the whole files).</summary>
public sealed class CaptureRulesTests
{
    private static List<string> Rules(CaptureOptions options) => [.. CaptureRules.Build(options)];

    [Fact]
    public void DefaultsCaptureAllInboundAndOutboundTcpThroughIstiosChains()
    {
        var rules = Rules(new CaptureOptions());
        Assert.Equal("*nat", rules[1]);
        Assert.Equal("COMMIT", rules[^1]);
        Assert.Contains("-A PREROUTING -p tcp -j ISTIO_INBOUND", rules);
        Assert.Contains("-A OUTPUT -p tcp -j ISTIO_OUTPUT", rules);
        Assert.Contains("-A ISTIO_IN_REDIRECT -p tcp -j REDIRECT --to-ports 15006", rules);
        Assert.Contains("-A ISTIO_REDIRECT -p tcp -j REDIRECT --to-ports 15001", rules);
        Assert.Equal("-A ISTIO_INBOUND -p tcp -j ISTIO_IN_REDIRECT", rules.Last(r => r.StartsWith("-A ISTIO_INBOUND", StringComparison.Ordinal)));
        Assert.Equal("-A ISTIO_OUTPUT -j ISTIO_REDIRECT", rules.Last(r => r.StartsWith("-A ISTIO_OUTPUT", StringComparison.Ordinal)));
    }

    [Fact]
    public void ProxyPortsAreReturnedBeforeAnyInboundRedirect()
    {
        var rules = Rules(new CaptureOptions());
        var firstRedirect = rules.FindIndex(r => r.StartsWith("-A ISTIO_INBOUND", StringComparison.Ordinal) && r.EndsWith("ISTIO_IN_REDIRECT", StringComparison.Ordinal));
        foreach (var port in new[] { 15008, 15090, 15021, 15020, 15000 })
        {
            var index = rules.IndexOf($"-A ISTIO_INBOUND -p tcp --dport {port} -j RETURN");
            Assert.InRange(index, 0, firstRedirect - 1);
        }
    }

    [Fact]
    public void ProxyOwnTrafficIsExemptBeforeAnyOutboundRedirect()
    {
        var rules = Rules(new CaptureOptions { ProxyUid = 1500, ProxyGid = 1600 });
        var uid = rules.IndexOf("-A ISTIO_OUTPUT -m owner --uid-owner 1500 -j RETURN");
        var gid = rules.IndexOf("-A ISTIO_OUTPUT -m owner --gid-owner 1600 -j RETURN");
        var loopback = rules.IndexOf("-A ISTIO_OUTPUT -d 127.0.0.1/32 -j RETURN");
        var redirect = rules.IndexOf("-A ISTIO_OUTPUT -j ISTIO_REDIRECT");
        Assert.True(uid >= 0 && gid >= 0 && loopback >= 0, string.Join('\n', rules));
        Assert.True(uid < redirect && gid < redirect && loopback < redirect);
        // The proxy dialling its own pod IP goes over lo and must land on the inbound listener, before the exemption returns it.
        var self = rules.IndexOf("-A ISTIO_OUTPUT -o lo ! -d 127.0.0.1/32 -p tcp -m owner --uid-owner 1500 -j ISTIO_IN_REDIRECT");
        Assert.InRange(self, 0, uid - 1);
    }

    [Fact]
    public void ExplicitInboundPortsRedirectOnlyThoseAndIgnoreExclusions()
    {
        var rules = Rules(new CaptureOptions { IncludeInboundPorts = PortSet.Of(8080, 9090), ExcludeInboundPorts = PortSet.Of(8080) });
        Assert.Contains("-A ISTIO_INBOUND -p tcp --dport 8080 -j ISTIO_IN_REDIRECT", rules);
        Assert.Contains("-A ISTIO_INBOUND -p tcp --dport 9090 -j ISTIO_IN_REDIRECT", rules);
        Assert.DoesNotContain("-A ISTIO_INBOUND -p tcp -j ISTIO_IN_REDIRECT", rules);
        Assert.DoesNotContain("-A ISTIO_INBOUND -p tcp --dport 8080 -j RETURN", rules);
    }

    [Fact]
    public void EmptyIncludesTurnCaptureOff()
    {
        var rules = Rules(new CaptureOptions { IncludeInboundPorts = PortSet.None, IncludeOutboundIPRanges = CidrSet.None });
        Assert.DoesNotContain(rules, r => r.StartsWith("-A PREROUTING", StringComparison.Ordinal) || r.StartsWith("-A ISTIO_INBOUND", StringComparison.Ordinal));
        Assert.DoesNotContain(rules, r => r.StartsWith("-A ISTIO_OUTPUT", StringComparison.Ordinal) && r.EndsWith("-j ISTIO_REDIRECT", StringComparison.Ordinal));
    }

    [Fact]
    public void IncludedOutboundPortsComeBeforeRangesAndAfterExcludedPorts()
    {
        var rules = Rules(new CaptureOptions
        {
            IncludeOutboundPorts = PortSet.Of(5432),
            ExcludeOutboundPorts = PortSet.Of(5432, 3306),
            IncludeOutboundIPRanges = CidrSet.Parse("10.0.0.0/8"),
        });
        var excluded = rules.IndexOf("-A ISTIO_OUTPUT -p tcp --dport 5432 -j RETURN");
        var included = rules.IndexOf("-A ISTIO_OUTPUT -p tcp --dport 5432 -j ISTIO_REDIRECT");
        var range = rules.IndexOf("-A ISTIO_OUTPUT -d 10.0.0.0/8 -j ISTIO_REDIRECT");
        Assert.True(excluded >= 0 && excluded < included && included < range, string.Join('\n', rules));
    }

    [Fact]
    public void ExcludedRangesApplyOnlyWhenEverythingIsCaptured()
    {
        var all = Rules(new CaptureOptions { ExcludeOutboundIPRanges = CidrSet.Parse("169.254.169.254/32") });
        Assert.True(all.IndexOf("-A ISTIO_OUTPUT -d 169.254.169.254/32 -j RETURN") < all.IndexOf("-A ISTIO_OUTPUT -j ISTIO_REDIRECT"));
        var some = Rules(new CaptureOptions { IncludeOutboundIPRanges = CidrSet.Parse("10.0.0.0/8"), ExcludeOutboundIPRanges = CidrSet.Parse("10.1.0.0/16") });
        Assert.DoesNotContain("-A ISTIO_OUTPUT -d 10.1.0.0/16 -j RETURN", some);
    }

    [Fact]
    public void EachFamilyGetsItsOwnRangesAndLoopback()
    {
        var options = new CaptureOptions { EnableIPv6 = true, IncludeOutboundIPRanges = CidrSet.Parse("10.0.0.0/8", "fd00::/8") };
        var v4 = Rules(options);
        var v6 = CaptureRules.BuildIPv6(options);
        Assert.Contains("-A ISTIO_OUTPUT -d 10.0.0.0/8 -j ISTIO_REDIRECT", v4);
        // The header comment names every option; the rules themselves must not mix families.
        Assert.DoesNotContain(v4, r => !r.StartsWith('#') && r.Contains("fd00::", StringComparison.Ordinal));
        Assert.Contains("-A ISTIO_OUTPUT -d fd00::/8 -j ISTIO_REDIRECT", v6);
        Assert.Contains("-A ISTIO_OUTPUT -d ::1/128 -j RETURN", v6);
        Assert.DoesNotContain(v6, r => !r.StartsWith('#') && (r.Contains("10.0.0.0", StringComparison.Ordinal) || r.Contains("127.0.0.1", StringComparison.Ordinal)));
        Assert.Empty(CaptureRules.BuildIPv6(new CaptureOptions()));
    }

    [Fact]
    public void InvalidOptionsAreRejectedWithEveryProblem()
    {
        var options = new CaptureOptions { InboundCapturePort = 0, ExcludeOutboundIPRanges = CidrSet.All };
        var error = Assert.Throws<ArgumentException>(() => CaptureRules.Build(options));
        Assert.Contains("inbound capture port 0", error.Message);
        Assert.Contains("excluded outbound IP ranges cannot be '*'", error.Message);
    }

    [Fact]
    public void SameOptionsGiveSameRules()
    {
        var options = new CaptureOptions { IncludeInboundPorts = PortSet.Of(80, 443, 80) };
        Assert.Equal(CaptureRules.Build(options), CaptureRules.Build(options with { }));
        Assert.Single(CaptureRules.Build(options), r => r.Contains("--dport 80 ", StringComparison.Ordinal));
    }
}
