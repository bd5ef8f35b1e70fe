namespace Switchboard.Cli.Tests;

/// <summary><c>sbctl x describe pod</c> on the examples: the subset a pod is in, and the typo that leaves it in none.</summary>
public class DescribePodTests
{
    [Fact]
    public void Canary_pod_is_in_the_canary_subset_and_strict()
    {
        var run = CliRun.Of("x", "describe", "pod", "production/payment-service-v2", "-f", CliRun.Repo("examples", "payments"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Service: payment-service (production)", run.Output);
        Assert.Contains("Matching subsets: canary", run.Output);
        Assert.Contains("VirtualService: payment-service-routing", run.Output);
        Assert.Contains("Workload mTLS mode: STRICT (PeerAuthentication production/payment-namespace-strict-mtls)", run.Output);
        Assert.Contains("payment-service-allow-checkout-only (ALLOW)", run.Output);
        Assert.DoesNotContain("WARNING", run.Output);
    }

    [Fact]
    public void Label_typo_shows_the_pod_in_no_subset()
    {
        var run = CliRun.Of("x", "describe", "pod", "production/payment-service-v2", "-f", CliRun.Repo("examples", "incidents", "subset-label-typo"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("WARNING POD DOES NOT MATCH ANY SUBSETS", run.Output);
        Assert.Contains("WARNING: No destinations match pod subsets", run.Output);
    }

    [Fact]
    public void Unknown_pod_is_an_error()
    {
        var run = CliRun.Of("x", "describe", "pod", "production/nope", "-f", CliRun.Repo("examples", "payments"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no pod, deployment or workload entry production/nope", run.Error);
    }
}
