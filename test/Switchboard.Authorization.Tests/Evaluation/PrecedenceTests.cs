using Switchboard.Authorization.Evaluation;
using Switchboard.Authorization.Policies;
using Switchboard.Authorization.Tests.TestSupport;

namespace Switchboard.Authorization.Tests.Evaluation;

/// <summary>reference §6 B "Evaluation order" and §1.2: CUSTOM, then DENY, then ALLOW; AUDIT only flags.</summary>
public sealed class PrecedenceTests
{
    private static readonly AuthzPolicy AllowAll = TestPolicies.Parse("rules:\n- {}", name: "allow-all");
    private static readonly AuthzPolicy AllowNothing = TestPolicies.Parse("{}", name: "allow-nothing");
    private static readonly AuthzPolicy DenyAll = TestPolicies.Parse("action: DENY\nrules:\n- {}", name: "deny-all");
    private static readonly AuthzPolicy AuditAll = TestPolicies.Parse("action: AUDIT\nrules:\n- {}", name: "audit-all");
    private static readonly AuthzPolicy CustomAll = TestPolicies.Parse("action: CUSTOM\nprovider:\n  name: opa\nrules:\n- {}", name: "ext");

    [Fact]
    public void No_policies_allow()
    {
        var decision = AuthzEvaluator.Evaluate([], TestRequests.Http("/"));
        Assert.True(decision.Allowed);
        Assert.Equal(AuthzDecisionReason.NoAllowPolicies, decision.Reason);
    }

    [Fact]
    public void Empty_spec_allows_nothing()
    {
        Assert.Empty(AllowNothing.Rules);
        var decision = AuthzEvaluator.Evaluate([AllowNothing], TestRequests.Http("/"));
        Assert.False(decision.Allowed);
        Assert.Equal(AuthzDecisionReason.NoAllowMatched, decision.Reason);
    }

    [Fact]
    public void One_empty_rule_allows_everything()
    {
        var decision = AuthzEvaluator.Evaluate([AllowAll], TestRequests.Http("/"));
        Assert.True(decision.Allowed);
        Assert.Equal(AuthzDecisionReason.AllowMatched, decision.Reason);
        Assert.Equal("app/allow-all", decision.DecidingPolicy);
        Assert.Equal(0, decision.DecidingRuleIndex);
        Assert.True(TestRequests.Allowed(TestRequests.Tcp(), AllowAll));
    }

    [Fact]
    public void Deny_wins_over_a_matching_allow()
    {
        var decision = AuthzEvaluator.Evaluate([AllowAll, DenyAll], TestRequests.Http("/"));
        Assert.False(decision.Allowed);
        Assert.Equal(AuthzDecisionReason.DenyMatched, decision.Reason);
        Assert.Equal(AuthzAction.Deny, decision.Action);
        Assert.Equal("app/deny-all", decision.DecidingPolicy);
    }

    [Fact]
    public void Policies_are_additive_any_allow_suffices()
    {
        Assert.True(TestRequests.Allowed(TestRequests.Http("/"), AllowNothing, AllowAll));
    }

    [Fact]
    public void Deny_without_rules_never_applies()
    {
        var denyNothing = TestPolicies.Parse("action: DENY\nrules: []");
        Assert.True(TestRequests.Allowed(TestRequests.Http("/"), denyNothing));
    }

    [Fact]
    public void Custom_matches_are_returned_for_the_caller_to_consult_first()
    {
        var decision = AuthzEvaluator.Evaluate([CustomAll, AllowAll], TestRequests.Http("/"));
        Assert.True(decision.Allowed);
        var custom = Assert.Single(decision.CustomProviders);
        Assert.Equal("opa", custom.Provider);
        // A CUSTOM policy is not an ALLOW policy: alone it leaves the workload without ALLOW policies.
        Assert.Equal(AuthzDecisionReason.NoAllowPolicies, AuthzEvaluator.Evaluate([CustomAll], TestRequests.Http("/")).Reason);
    }

    [Fact]
    public void Custom_that_does_not_match_is_not_consulted()
    {
        var custom = TestPolicies.Parse("action: CUSTOM\nprovider:\n  name: opa\nrules:\n- to:\n  - operation:\n      paths: [\"/ext\"]");
        Assert.Empty(AuthzEvaluator.Evaluate([custom], TestRequests.Http("/other")).CustomProviders);
        Assert.Single(AuthzEvaluator.Evaluate([custom], TestRequests.Http("/ext")).CustomProviders);
    }

    [Fact]
    public void Audit_only_flags()
    {
        var alone = AuthzEvaluator.Evaluate([AuditAll], TestRequests.Http("/"));
        Assert.True(alone.Allowed);
        Assert.Equal(AuthzDecisionReason.NoAllowPolicies, alone.Reason);
        Assert.Single(alone.AuditMatched);
        var withAllowNothing = AuthzEvaluator.Evaluate([AuditAll, AllowNothing], TestRequests.Http("/"));
        Assert.False(withAllowNothing.Allowed);
        Assert.Single(withAllowNothing.AuditMatched);
    }

    [Fact]
    public void Deciding_rule_is_the_first_that_matches()
    {
        var allow = TestPolicies.Parse("""
            rules:
            - to:
              - operation:
                  methods: ["POST"]
            - to:
              - operation:
                  methods: ["GET"]
            """);
        Assert.Equal(1, AuthzEvaluator.Evaluate([allow], TestRequests.Http("/")).DecidingRuleIndex);
    }
}
