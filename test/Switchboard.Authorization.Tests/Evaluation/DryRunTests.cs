using Switchboard.Authorization.Evaluation;
using Switchboard.Authorization.Tests.TestSupport;

namespace Switchboard.Authorization.Tests.Evaluation;

/// <summary>istio-api.md §2.2: <c>istio.io/dry-run: "true"</c> policies are evaluated into a shadow result only.</summary>
public sealed class DryRunTests
{
    private const string DryRun = "istio.io/dry-run: \"true\"";

    [Fact]
    public void Dry_run_deny_does_not_deny_but_shadow_does()
    {
        var deny = TestPolicies.Parse("action: DENY\nrules:\n- {}", name: "trial", annotations: DryRun);
        Assert.True(deny.DryRun);
        var decision = AuthzEvaluator.Evaluate([deny], TestRequests.Http("/"));
        Assert.True(decision.Allowed);
        Assert.Equal("app/trial", Assert.Single(decision.DryRunMatched).Key);
        Assert.NotNull(decision.Shadow);
        Assert.False(decision.Shadow.Allowed);
        Assert.Equal("app/trial", decision.Shadow.DecidingPolicy);
    }

    [Fact]
    public void Dry_run_allow_does_not_turn_on_deny_by_default()
    {
        var allowNothing = TestPolicies.Parse("{}", annotations: DryRun);
        var decision = AuthzEvaluator.Evaluate([allowNothing], TestRequests.Http("/"));
        Assert.True(decision.Allowed);
        Assert.Equal(AuthzDecisionReason.NoAllowPolicies, decision.Reason);
        Assert.Empty(decision.DryRunMatched);
        Assert.False(decision.Shadow!.Allowed);
    }

    [Fact]
    public void No_dry_run_policy_no_shadow()
    {
        var allow = TestPolicies.Parse("rules:\n- {}");
        Assert.Null(AuthzEvaluator.Evaluate([allow], TestRequests.Http("/")).Shadow);
    }

    [Theory]
    [InlineData("istio.io/dry-run: \"false\"", false)]
    [InlineData("istio.io/dry-run: \"True\"", true)]
    [InlineData("istio.io/dry-run: \"yes\"", false)]
    public void Annotation_is_read_as_a_go_bool(string annotation, bool dryRun) =>
        Assert.Equal(dryRun, TestPolicies.Parse("rules:\n- {}", annotations: annotation).DryRun);
}
