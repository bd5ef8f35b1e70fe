namespace Switchboard.Cli.Tests;

/// <summary><c>sbctl iptables</c>: dry-run output and usage errors (installing for real is covered by Switchboard.Runtime.Tests).</summary>
public sealed class IptablesCommandTests
{
    [Fact]
    public void DryRunPrintsTheCommandWithTheRulesFromTheAnnotations()
    {
        var run = CliRun.Of("iptables", "--dry-run", "--netns", "sb-production-checkout",
            "-a", "excludeOutboundIPRanges=169.254.169.254/32,10.0.0.0/8", "--proxy-uid", "1500");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("ip netns exec sb-production-checkout iptables-restore --noflush <<'EOF'\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("-A ISTIO_OUTPUT -d 10.0.0.0/8 -j RETURN\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("-A ISTIO_OUTPUT -m owner --uid-owner 1500 -j RETURN\n", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("COMMIT\nEOF\n", run.Output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void BadAnnotationValuesAreUsageErrorsNamingTheAnnotation()
    {
        var run = CliRun.Of("iptables", "--dry-run", "-a", "includeInboundPorts=80,http");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("traffic.sidecar.istio.io/includeInboundPorts=\"80,http\": 'http' is not a port", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void InstallingNeedsANamespaceUnlessTheCurrentOneIsAskedFor()
    {
        var run = CliRun.Of("iptables");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--netns NAME", run.Error, StringComparison.Ordinal);
    }
}
