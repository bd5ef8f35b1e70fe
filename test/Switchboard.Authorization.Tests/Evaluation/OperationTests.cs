using Switchboard.Authorization.Tests.TestSupport;

namespace Switchboard.Authorization.Tests.Evaluation;

/// <summary>reference §6 B "Host" and "Method", and the string forms of §1.2.</summary>
public sealed class OperationTests
{
    [Theory]
    [InlineData("secret.com", false)]
    [InlineData("Secret.com", false)]
    [InlineData("SECRET.COM", false)]
    [InlineData("secret.com:80", true)]
    [InlineData("other.com", true)]
    public void Host_deny_is_case_insensitive_and_exact(string authority, bool allowed)
    {
        // CVE-2021-39155: Host case must not dodge a DENY. ISTIO-SECURITY-2021-008: host:port is another value.
        var deny = TestPolicies.Parse("action: DENY\nrules:\n- to:\n  - operation:\n      hosts: [\"secret.com\"]");
        Assert.Equal(allowed, TestRequests.Allowed(TestRequests.Http("/", authority: authority), deny));
    }

    [Theory]
    [InlineData("secret.com:80")]
    [InlineData("SECRET.com:8080")]
    public void Host_with_port_form_denies_host_with_port(string authority)
    {
        var deny = TestPolicies.Parse("action: DENY\nrules:\n- to:\n  - operation:\n      hosts: [\"secret.com\", \"secret.com:*\"]");
        Assert.False(TestRequests.Allowed(TestRequests.Http("/", authority: authority), deny));
    }

    [Theory]
    [InlineData("secret.com:80", "secret.com")]
    [InlineData("secret.com", "secret.com")]
    [InlineData("[::1]:8080", "[::1]")]
    [InlineData("[::1]", "[::1]")]
    public void Host_is_the_authority_without_port(string authority, string host) =>
        Assert.Equal(host, TestRequests.Http("/", authority: authority).Host);

    [Theory]
    [InlineData("GET", true)]
    [InlineData("get", false)]
    [InlineData("POST", false)]
    public void Methods_are_exact(string method, bool allowed)
    {
        var allow = TestPolicies.Parse("rules:\n- to:\n  - operation:\n      methods: [\"GET\"]");
        Assert.Equal(allowed, TestRequests.Allowed(TestRequests.Http("/", method: method), allow));
    }

    [Theory]
    [InlineData("/api/v1", "/api/*", true)]
    [InlineData("/api", "/api/*", false)]
    [InlineData("/img/a.png", "*.png", true)]
    [InlineData("/img/a.PNG", "*.png", false)]
    [InlineData("/", "*", true)]
    public void Path_string_forms(string path, string pattern, bool allowed)
    {
        var allow = TestPolicies.Parse($"rules:\n- to:\n  - operation:\n      paths: [\"{pattern}\"]");
        Assert.Equal(allowed, TestRequests.Allowed(TestRequests.Http(path), allow));
    }

    [Theory]
    [InlineData(8080, true)]
    [InlineData(9090, false)]
    public void Ports_are_the_destination_port(int port, bool allowed)
    {
        var allow = TestPolicies.Parse("rules:\n- to:\n  - operation:\n      ports: [\"8080\"]");
        Assert.Equal(allowed, TestRequests.Allowed(TestRequests.Http("/", port: port), allow));
    }

    [Fact]
    public void Operations_are_or_ed_fields_are_and_ed()
    {
        var allow = TestPolicies.Parse("""
            rules:
            - to:
              - operation:
                  methods: ["GET"]
                  paths: ["/read"]
              - operation:
                  methods: ["POST"]
                  paths: ["/write"]
            """);
        Assert.True(TestRequests.Allowed(TestRequests.Http("/read"), allow));
        Assert.True(TestRequests.Allowed(TestRequests.Http("/write", method: "POST"), allow));
        Assert.False(TestRequests.Allowed(TestRequests.Http("/write"), allow));
    }

    [Fact]
    public void From_to_and_when_are_all_required()
    {
        var allow = TestPolicies.Parse("""
            rules:
            - from:
              - source:
                  namespaces: ["a"]
              to:
              - operation:
                  methods: ["GET"]
              when:
              - key: request.headers[x-env]
                values: ["prod"]
            """);
        var good = TestRequests.Http("/") with { SourcePrincipal = "cluster.local/ns/a/sa/x", Headers = Requests.RequestHeaders.From(("x-env", "prod")) };
        Assert.True(TestRequests.Allowed(good, allow));
        Assert.False(TestRequests.Allowed(good with { SourcePrincipal = "cluster.local/ns/b/sa/x" }, allow));
        Assert.False(TestRequests.Allowed(good with { Method = "PUT" }, allow));
        Assert.False(TestRequests.Allowed(good with { Headers = Requests.RequestHeaders.Empty }, allow));
    }
}
