using Switchboard.Runtime.Capture;
using Switchboard.Runtime.Processes;
using Switchboard.Runtime.Tests.TestSupport;

namespace Switchboard.Runtime.Tests.Capture;

/// <summary>What <see cref="CaptureRunner"/> runs, checked without running it (the end-to-end test runs it for real).</summary>
public sealed class CaptureRunnerTests
{
    [Fact]
    public async Task AppliesRulesInTheNamespaceThroughIptablesRestoreOnStdin()
    {
        var processes = new RecordingProcessRunner();
        await new CaptureRunner(processes).ApplyAsync(new CaptureOptions(), "sb-production-checkout");
        var command = Assert.Single(processes.Commands);
        Assert.Equal("ip", command.FileName);
        Assert.Equal(["netns", "exec", "sb-production-checkout", "iptables-restore", "--noflush"], command.Arguments);
        Assert.Equal(string.Join('\n', CaptureRules.Build(new CaptureOptions())) + "\n", command.StandardInput);
    }

    [Fact]
    public async Task DryRunReturnsTheSameCommandsAndRunsNothing()
    {
        var processes = new RecordingProcessRunner();
        var options = new CaptureOptions { EnableIPv6 = true };
        var planned = await new CaptureRunner(processes).ApplyAsync(options, "sb-x", dryRun: true);
        Assert.Empty(processes.Commands);
        Assert.Equal(["iptables-restore", "ip6tables-restore"], planned.Select(c => c.Arguments[3]));
        Assert.StartsWith("ip netns exec sb-x iptables-restore --noflush <<'EOF'\n# Switchboard", planned[0].ToString(), StringComparison.Ordinal);
        Assert.EndsWith("COMMIT\nEOF", planned[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutNamespaceTheRulesGoIntoTheCurrentOne()
    {
        var command = Assert.Single(CaptureRunner.Plan(new CaptureOptions(), null));
        Assert.Equal("iptables-restore --noflush", command.CommandLine);
    }

    [Fact]
    public async Task FailureNamesTheCommandAndWhatItSaid()
    {
        var processes = new RecordingProcessRunner(exitCode: 2, stderr: "iptables-restore: line 9 failed\n");
        var error = await Assert.ThrowsAsync<ProcessFailedException>(() =>
            new CaptureRunner(processes).ApplyAsync(new CaptureOptions(), "sb-x"));
        Assert.Equal("'ip netns exec sb-x iptables-restore --noflush' exited with code 2: iptables-restore: line 9 failed", error.Message);
    }

    [Theory]
    [InlineData("-n")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("")]
    public void NamespaceNamesThatAreNotNamesAreRejected(string name) =>
        Assert.Throws<ArgumentException>(() => CaptureRunner.Plan(new CaptureOptions(), name));
}
