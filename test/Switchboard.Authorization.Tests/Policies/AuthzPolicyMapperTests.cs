using Switchboard.Authorization.Policies;
using Switchboard.Authorization.Tests.TestSupport;

namespace Switchboard.Authorization.Tests.Policies;

/// <summary>The wire form keeps every constraint and the empty-rule semantics.</summary>
public sealed class AuthzPolicyMapperTests
{
    [Fact]
    public void Empty_spec_has_no_rules_and_one_empty_rule_stays_one_rule()
    {
        var nothing = TestPolicies.Parse("{}");
        Assert.Equal(AuthzAction.Allow, nothing.Action);
        Assert.Empty(nothing.Rules);
        var all = TestPolicies.Parse("rules:\n- {}");
        var rule = Assert.Single(all.Rules);
        Assert.Empty(rule.From);
        Assert.Empty(rule.To);
        Assert.Empty(rule.When);
    }

    [Fact]
    public void Custom_keeps_its_provider()
    {
        var policy = TestPolicies.Parse("action: CUSTOM\nprovider:\n  name: opa\nrules:\n- {}", name: "ext", ns: "shop");
        Assert.Equal(AuthzAction.Custom, policy.Action);
        Assert.Equal("opa", policy.Provider);
        Assert.Equal("shop/ext", policy.Key);
    }

    [Fact]
    public void Fields_are_carried_over_and_service_accounts_qualified()
    {
        var policy = TestPolicies.Parse("""
            action: DENY
            rules:
            - from:
              - source:
                  notServiceAccounts: ["robot", "other/bot"]
                  ipBlocks: ["10.0.0.0/8"]
              to:
              - operation:
                  notPaths: ["/health"]
                  ports: ["8080"]
              when:
              - key: source.serviceAccount
                values: ["robot"]
            """, ns: "shop");
        var rule = Assert.Single(policy.Rules);
        Assert.Equal(["shop/robot", "other/bot"], rule.From[0].NotServiceAccounts);
        Assert.Equal(["10.0.0.0/8"], rule.From[0].IpBlocks);
        Assert.Equal(["/health"], rule.To[0].NotPaths);
        Assert.Equal(["8080"], rule.To[0].Ports);
        Assert.Equal(["shop/robot"], rule.When[0].Values);
    }

    [Fact]
    public void Wire_records_round_trip_through_system_text_json()
    {
        var policy = TestPolicies.Parse("action: DENY\nrules:\n- to:\n  - operation:\n      paths: [\"/admin\"]");
        var json = System.Text.Json.JsonSerializer.Serialize(policy);
        var back = System.Text.Json.JsonSerializer.Deserialize<AuthzPolicy>(json)!;
        Assert.Equal(policy.Key, back.Key);
        Assert.Equal(AuthzAction.Deny, back.Action);
        Assert.Equal(["/admin"], back.Rules[0].To[0].Paths);
    }
}
