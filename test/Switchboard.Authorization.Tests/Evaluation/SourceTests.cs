using System.Net;
using Switchboard.Authorization.Requests;
using Switchboard.Authorization.Tests.TestSupport;

namespace Switchboard.Authorization.Tests.Evaluation;

/// <summary>reference §6 B "Principals", "serviceAccounts", "namespaces", and ipBlocks.</summary>
public sealed class SourceTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("spiffe://cluster.local/ns/a/sa/b", true)]
    public void Presence_principal_requires_mtls(string? principal, bool allowed)
    {
        var allow = TestPolicies.Parse("rules:\n- from:\n  - source:\n      principals: [\"*\"]");
        Assert.Equal(allowed, TestRequests.Allowed(TestRequests.Http("/") with { SourcePrincipal = principal }, allow));
    }

    [Fact]
    public void Suffix_principal_deny_matches_any_trust_domain_on_tcp()
    {
        // ISTIO-SECURITY-2020-009 / CVE-2020-16844: the suffix form once never matched, so the deny never applied.
        var deny = TestPolicies.Parse("action: DENY\nrules:\n- from:\n  - source:\n      principals: [\"*/ns/ns1/sa/foo\"]");
        Assert.False(TestRequests.Allowed(TestRequests.Tcp(principal: "spiffe://any-td/ns/ns1/sa/foo"), deny));
        Assert.True(TestRequests.Allowed(TestRequests.Tcp(principal: "spiffe://any-td/ns/ns1/sa/bar"), deny));
    }

    [Theory]
    [InlineData("cluster.local/ns/ns1/sa/x", true)]
    [InlineData("cluster.local/ns/ns10/sa/x", false)]
    public void Prefix_principal(string principal, bool allowed)
    {
        var allow = TestPolicies.Parse("rules:\n- from:\n  - source:\n      principals: [\"cluster.local/ns/ns1/*\"]");
        Assert.Equal(allowed, TestRequests.Allowed(TestRequests.Http("/") with { SourcePrincipal = principal }, allow));
    }

    [Theory]
    [InlineData("cluster.local/ns/pol/sa/cert-manager.io", true)]
    [InlineData("other-td/ns/pol/sa/cert-manager.io", true)]
    [InlineData("cluster.local/ns/pol/sa/cert-manager-io", false)]
    [InlineData("cluster.local/ns/pol/sa/cert-managerXio", false)]
    [InlineData("cluster.local/ns/pol/sa/cert-manager.io-x", false)]
    [InlineData("cluster.local/ns/other/sa/cert-manager.io", false)]
    public void Service_account_is_matched_literally_in_the_policy_namespace(string principal, bool allowed)
    {
        // ISTIO-SECURITY-2026-003 / CVE-2026-39350: the dot must not act as a regex wildcard.
        var allow = TestPolicies.Parse("rules:\n- from:\n  - source:\n      serviceAccounts: [\"cert-manager.io\"]", ns: "pol");
        Assert.Equal(["pol/cert-manager.io"], allow.Rules[0].From[0].ServiceAccounts);
        Assert.Equal(allowed, TestRequests.Allowed(TestRequests.Http("/") with { SourcePrincipal = principal }, allow));
    }

    [Fact]
    public void Namespace_deny_does_not_see_plaintext_unless_mtls_is_required()
    {
        // ISTIO-SECURITY-2021-004: a plaintext caller has no namespace.
        var deny = TestPolicies.Parse("action: DENY\nrules:\n- from:\n  - source:\n      namespaces: [\"foo\"]");
        var plaintext = TestRequests.Http("/");
        Assert.True(TestRequests.Allowed(plaintext, deny));
        Assert.False(TestRequests.Allowed(plaintext with { SourcePrincipal = "cluster.local/ns/foo/sa/x" }, deny));
        var requireMtls = TestPolicies.Parse("action: DENY\nrules:\n- from:\n  - source:\n      notNamespaces: [\"*\"]", name: "mtls");
        Assert.False(TestRequests.Allowed(plaintext, deny, requireMtls));
    }

    [Fact]
    public void Allow_not_namespace_with_presence_denies_plaintext()
    {
        var allow = TestPolicies.Parse("rules:\n- from:\n  - source:\n      namespaces: [\"*\"]\n      notNamespaces: [\"foo\"]");
        Assert.False(TestRequests.Allowed(TestRequests.Http("/"), allow));
        Assert.False(TestRequests.Allowed(TestRequests.Http("/") with { SourcePrincipal = "cluster.local/ns/foo/sa/x" }, allow));
        Assert.True(TestRequests.Allowed(TestRequests.Http("/") with { SourcePrincipal = "cluster.local/ns/bar/sa/x" }, allow));
    }

    [Fact]
    public void Trust_domains()
    {
        var allow = TestPolicies.Parse("rules:\n- from:\n  - source:\n      trustDomains: [\"td1\"]");
        Assert.True(TestRequests.Allowed(TestRequests.Http("/") with { SourcePrincipal = "spiffe://td1/ns/a/sa/b" }, allow));
        Assert.False(TestRequests.Allowed(TestRequests.Http("/") with { SourcePrincipal = "spiffe://td2/ns/a/sa/b" }, allow));
    }

    [Fact]
    public void Request_principal_presence_requires_a_token()
    {
        var allow = TestPolicies.Parse("rules:\n- from:\n  - source:\n      requestPrincipals: [\"*\"]");
        Assert.False(TestRequests.Allowed(TestRequests.Http("/"), allow));
        Assert.True(TestRequests.Allowed(TestRequests.Http("/") with { RequestPrincipal = "https://issuer.example/user-1" }, allow));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("10.1.2.3", "10.1.2.3", true)]
    [InlineData("10.1.2.3", "10.1.2.4", false)]
    [InlineData("10.1.2.99/24", "10.1.2.3", true)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData("2001:db8::1", "2001:db8::1", true)]
    [InlineData("10.0.0.0/8", "192.168.0.1", false)]
    public void Ip_blocks(string block, string source, bool allowed)
    {
        var allow = TestPolicies.Parse($"rules:\n- from:\n  - source:\n      ipBlocks: [\"{block}\"]");
        Assert.Equal(allowed, TestRequests.Allowed(TestRequests.Http("/") with { SourceIp = IPAddress.Parse(source) }, allow));
    }

    [Fact]
    public void Remote_ip_blocks_read_the_original_client()
    {
        var deny = TestPolicies.Parse("action: DENY\nrules:\n- from:\n  - source:\n      remoteIpBlocks: [\"203.0.113.0/24\"]");
        var request = TestRequests.Http("/") with { RemoteIp = IPAddress.Parse("203.0.113.9") };
        Assert.False(TestRequests.Allowed(request, deny));
        Assert.True(TestRequests.Allowed(request with { RemoteIp = IPAddress.Parse("198.51.100.1") }, deny));
    }

    [Fact]
    public void Invalid_ip_block_fails_closed()
    {
        var source = "rules:\n- from:\n  - source:\n      ipBlocks: [\"not-an-ip\"]";
        Assert.False(TestRequests.Allowed(TestRequests.Http("/"), TestPolicies.Parse(source, allowInvalid: true)));
        Assert.False(TestRequests.Allowed(TestRequests.Http("/"), TestPolicies.Parse("action: DENY\n" + source, allowInvalid: true)));
    }

    [Fact]
    public void Principal_is_compared_without_the_spiffe_scheme()
    {
        var request = new RequestAttributes { SourcePrincipal = "spiffe://cluster.local/ns/a/sa/b" };
        Assert.Equal("cluster.local/ns/a/sa/b", request.SourcePrincipal);
        Assert.Equal("a", request.SourceNamespace);
        Assert.Equal("cluster.local", request.SourceTrustDomain);
    }
}
