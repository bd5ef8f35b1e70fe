using System.Net;
using System.Text.Json;
using Switchboard.Authorization.Requests;
using Switchboard.Authorization.Tests.TestSupport;

namespace Switchboard.Authorization.Tests.Evaluation;

/// <summary><c>when</c> keys (istio-api.md §2.2 table): headers per value, claims nested and listed, presence.</summary>
public sealed class ConditionTests
{
    private static readonly Switchboard.Authorization.Policies.AuthzPolicy DenyAdminHeader =
        TestPolicies.Parse("action: DENY\nrules:\n- when:\n  - key: request.headers[x-user]\n    values: [\"admin\"]");

    [Theory]
    [InlineData("x-user", "admin")]
    [InlineData("x-user", "admin ")]
    [InlineData("X-User", "admin")]
    [InlineData("x-user", "\tadmin")]
    public void Header_deny_sees_trimmed_values_and_any_name_case(string name, string value) =>
        Assert.False(TestRequests.Allowed(WithHeaders((name, value)), DenyAdminHeader));

    [Fact]
    public void Duplicate_headers_are_matched_value_by_value()
    {
        // CVE-2026-26308: "bob,admin" joined would not equal "admin".
        Assert.False(TestRequests.Allowed(WithHeaders(("x-user", "bob"), ("x-user", "admin")), DenyAdminHeader));
        Assert.True(TestRequests.Allowed(WithHeaders(("x-user", "bob"), ("x-user", "carol")), DenyAdminHeader));
    }

    [Fact]
    public void Presence_needs_a_non_empty_value()
    {
        var allow = TestPolicies.Parse("rules:\n- when:\n  - key: request.headers[x-token]\n    values: [\"*\"]");
        Assert.True(TestRequests.Allowed(WithHeaders(("x-token", "t")), allow));
        Assert.False(TestRequests.Allowed(WithHeaders(("x-token", "")), allow));
        Assert.False(TestRequests.Allowed(WithHeaders(), allow));
    }

    [Fact]
    public void Not_values_exclude()
    {
        var allow = TestPolicies.Parse("rules:\n- when:\n  - key: request.headers[x-env]\n    notValues: [\"prod*\"]");
        Assert.True(TestRequests.Allowed(WithHeaders(("x-env", "dev")), allow));
        Assert.True(TestRequests.Allowed(WithHeaders(), allow));
        Assert.False(TestRequests.Allowed(WithHeaders(("x-env", "production")), allow));
    }

    [Theory]
    [InlineData("request.auth.claims[iss]", "https://issuer.example", true)]
    [InlineData("request.auth.claims[groups]", "admins", true)]
    [InlineData("request.auth.claims[groups]", "root", false)]
    [InlineData("request.auth.claims[nested][role]", "owner", true)]
    [InlineData("request.auth.claims[nested][missing]", "owner", false)]
    [InlineData("request.auth.claims[scope]", "write", true)]
    [InlineData("request.auth.claims[email_verified]", "true", true)]
    [InlineData("request.auth.claims[nested]", "owner", false)]
    public void Claims(string key, string value, bool allowed)
    {
        var allow = TestPolicies.Parse($"rules:\n- when:\n  - key: {key}\n    values: [\"{value}\"]");
        var claims = JsonDocument.Parse("""
            {"iss":"https://issuer.example","groups":["devs","admins"],"nested":{"role":"owner"},"scope":"read write","email_verified":true}
            """).RootElement;
        Assert.Equal(allowed, TestRequests.Allowed(TestRequests.Http("/") with { Claims = claims }, allow));
    }

    [Fact]
    public void Auth_principal_audiences_presenter()
    {
        var allow = TestPolicies.Parse("""
            rules:
            - when:
              - key: request.auth.principal
                values: ["https://issuer.example/*"]
              - key: request.auth.audiences
                values: ["api"]
              - key: request.auth.presenter
                values: ["web-client"]
            """);
        var request = TestRequests.Http("/") with { RequestPrincipal = "https://issuer.example/u1", Audiences = ["other", "api"], Presenter = "web-client" };
        Assert.True(TestRequests.Allowed(request, allow));
        Assert.False(TestRequests.Allowed(request with { Audiences = ["other"] }, allow));
    }

    [Fact]
    public void Connection_keys()
    {
        var allow = TestPolicies.Parse("""
            rules:
            - when:
              - key: source.ip
                values: ["10.0.0.0/8"]
              - key: destination.ip
                values: ["192.168.1.5"]
              - key: destination.port
                values: ["8080"]
              - key: connection.sni
                values: ["*.svc.cluster.local"]
              - key: source.namespace
                values: ["a"]
              - key: source.principal
                values: ["cluster.local/ns/a/sa/b"]
              - key: source.serviceAccount
                values: ["a/b"]
            """);
        var request = TestRequests.Tcp(8080, "cluster.local/ns/a/sa/b") with
        {
            DestinationIp = IPAddress.Parse("192.168.1.5"),
            ConnectionSni = "outbound_.8080_._.svc.svc.cluster.local",
        };
        Assert.True(TestRequests.Allowed(request, allow));
        Assert.False(TestRequests.Allowed(request with { Port = 9090 }, allow));
        Assert.False(TestRequests.Allowed(request with { DestinationIp = IPAddress.Parse("192.168.1.6") }, allow));
        Assert.False(TestRequests.Allowed(request with { SourcePrincipal = "cluster.local/ns/a/sa/c" }, allow));
    }

    private static RequestAttributes WithHeaders(params (string, string)[] headers) =>
        TestRequests.Http("/") with { Headers = RequestHeaders.From(headers) };
}
