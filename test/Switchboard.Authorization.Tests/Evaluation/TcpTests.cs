using Switchboard.Authorization.Tests.TestSupport;

namespace Switchboard.Authorization.Tests.Evaluation;

/// <summary>
/// reference §1.2 "TCP traffic" and §6 B "TCP": HTTP-only fields make an ALLOW rule unusable and are treated as
/// matching in a DENY rule (CVE-2019-12243: a policy that silently skips a protocol is a bypass).
/// </summary>
public sealed class TcpTests
{
    [Fact]
    public void Deny_with_methods_and_port_denies_all_tcp_on_that_port()
    {
        var deny = TestPolicies.Parse("action: DENY\nrules:\n- to:\n  - operation:\n      methods: [\"POST\"]\n      ports: [\"8080\"]");
        Assert.False(TestRequests.Allowed(TestRequests.Tcp(8080), deny));
        Assert.True(TestRequests.Allowed(TestRequests.Tcp(9090), deny));
    }

    [Fact]
    public void Deny_with_only_http_fields_denies_all_tcp()
    {
        var deny = TestPolicies.Parse("action: DENY\nrules:\n- to:\n  - operation:\n      notPaths: [\"/public\"]");
        Assert.False(TestRequests.Allowed(TestRequests.Tcp(), deny));
    }

    [Theory]
    [InlineData("from:\n  - source:\n      requestPrincipals: [\"*\"]")]
    [InlineData("when:\n  - key: request.headers[x-user]\n    values: [\"admin\"]")]
    [InlineData("when:\n  - key: request.auth.claims[groups]\n    values: [\"admin\"]")]
    [InlineData("to:\n  - operation:\n      hosts: [\"secret.com\"]")]
    public void Deny_on_http_only_attributes_denies_tcp(string rule)
    {
        var deny = TestPolicies.Parse("action: DENY\nrules:\n- " + rule);
        Assert.False(TestRequests.Allowed(TestRequests.Tcp(), deny));
    }

    [Fact]
    public void Allow_using_http_fields_does_not_match_tcp()
    {
        var allow = TestPolicies.Parse("rules:\n- to:\n  - operation:\n      methods: [\"GET\"]");
        Assert.False(TestRequests.Allowed(TestRequests.Tcp(), allow));
        Assert.True(TestRequests.Allowed(TestRequests.Http("/"), allow));
    }

    [Fact]
    public void Allow_rule_with_an_http_field_anywhere_is_skipped_whole_on_tcp()
    {
        // Istio skips the whole rule ("must not be used in TCP"), not just the operation naming the method.
        var allow = TestPolicies.Parse("rules:\n- to:\n  - operation:\n      ports: [\"8080\"]\n  - operation:\n      methods: [\"GET\"]");
        Assert.False(TestRequests.Allowed(TestRequests.Tcp(8080), allow));
        var portsOnly = TestPolicies.Parse("rules:\n- to:\n  - operation:\n      ports: [\"8080\"]");
        Assert.True(TestRequests.Allowed(TestRequests.Tcp(8080), portsOnly));
    }

    [Fact]
    public void Tcp_attributes_still_apply_to_tcp()
    {
        var allow = TestPolicies.Parse("rules:\n- from:\n  - source:\n      principals: [\"cluster.local/ns/a/sa/b\"]");
        Assert.True(TestRequests.Allowed(TestRequests.Tcp(principal: "spiffe://cluster.local/ns/a/sa/b"), allow));
        Assert.False(TestRequests.Allowed(TestRequests.Tcp(principal: "spiffe://cluster.local/ns/a/sa/c"), allow));
    }

    [Theory]
    [InlineData("experimental.envoy.filters.network.mysql_proxy[db.table]")]
    [InlineData("request.unknown")]
    public void Unsupported_keys_fail_closed(string key)
    {
        var when = $"rules:\n- when:\n  - key: {key}\n    values: [\"update\"]";
        Assert.False(TestRequests.Allowed(TestRequests.Http("/"), TestPolicies.Parse(when, allowInvalid: true)));
        Assert.False(TestRequests.Allowed(TestRequests.Http("/"), TestPolicies.Parse("action: DENY\n" + when, allowInvalid: true)));
    }
}
