using Switchboard.Authorization.Normalization;
using Switchboard.Authorization.Policies;
using Switchboard.Authorization.Tests.TestSupport;

namespace Switchboard.Authorization.Tests.Evaluation;

/// <summary>
/// reference §6 B, paths: every case in all four normalization modes, against a DENY on the protected paths and
/// against the equivalent ALLOW + notPaths (the two patterns the best-practices page calls vulnerable).
/// </summary>
public sealed class PathBypassTests
{
    private static readonly AuthzPolicy Deny = TestPolicies.Parse("""
        action: DENY
        rules:
        - to:
          - operation:
              paths: ["/admin", "/admin/*", "/private/*"]
        """);

    private static readonly AuthzPolicy AllowExcept = TestPolicies.Parse("""
        action: ALLOW
        rules:
        - to:
          - operation:
              notPaths: ["/admin", "/admin/*", "/private/*"]
        """);

    /// <summary>Raw target, then whether it is denied in NONE, BASE, MERGE_SLASHES, DECODE_AND_MERGE_SLASHES.</summary>
    public static TheoryData<string, bool, bool, bool, bool> Cases => new()
    {
        { "/admin", true, true, true, true },
        { "/public", false, false, false, false },
        { "//admin", false, false, true, true },
        { "/./admin", false, true, true, true },
        { "/public/../admin", false, true, true, true },
        { "/public/%2e%2e/admin", false, true, true, true },
        { "/public/%2E/%2E%2E/admin", false, true, true, true },
        { "/%2Fadmin", false, false, false, true },
        { "/admin%2F", false, false, false, true },
        { @"\admin", false, true, true, true },
        { "/admin?x=1", true, true, true, true },
        { "/admin#frag", true, true, true, true },
        { "/admin#x", true, true, true, true },
        { "/admin/", true, true, true, true },
        { "/%61dmin", false, true, true, true },
        // Case is never normalized (Istio): a case-insensitive backend needs its own rule.
        { "/ADMIN", false, false, false, false },
        // Path parameters: Istio keeps them, backends strip them (CVE-2026-73553); matched in both views.
        { "/admin;x=y", true, true, true, true },
        { "/admin;x=y/action", true, true, true, true },
        { "/;/admin", true, true, true, true },
        { "/public/..;x/admin", true, true, true, true },
        { "/private/key", true, true, true, true },
        { "/private", false, false, false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Deny_on_paths(string target, bool none, bool @base, bool merge, bool decode) =>
        AssertDenied(Deny, target, none, @base, merge, decode);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Allow_with_not_paths(string target, bool none, bool @base, bool merge, bool decode) =>
        AssertDenied(AllowExcept, target, none, @base, merge, decode);

    [Theory]
    [InlineData("/public", true)]
    [InlineData("/public/../public", true)]
    [InlineData("/public/../private", false)]
    [InlineData("/public/./../private", false)]
    [InlineData("/public/.././private", false)]
    [InlineData("/public/%2E%2E/private", false)]
    [InlineData("/public/%2e%2e/%2e/private", false)]
    public void Istio_path_normalization_positives(string target, bool allowed)
    {
        var allow = TestPolicies.Parse("""
            rules:
            - to:
              - operation:
                  paths: ["/public", "/public/*"]
            """);
        Assert.Equal(allowed, TestRequests.Allowed(TestRequests.Http(target), allow));
    }

    [Fact]
    public void Exact_path_alone_does_not_cover_its_subtree()
    {
        var exact = TestPolicies.Parse("""
            action: DENY
            rules:
            - to:
              - operation:
                  paths: ["/admin"]
            """);
        Assert.False(TestRequests.Allowed(TestRequests.Http("/admin"), exact));
        Assert.True(TestRequests.Allowed(TestRequests.Http("/admin/"), exact));
    }

    [Theory]
    [InlineData("/foo/*bar", true)]
    [InlineData("/foo/bar", true)]
    [InlineData("/foo/", false)]
    [InlineData("/foo/a/b", false)]
    public void Single_segment_template_accepts_a_literal_star(string target, bool matched)
    {
        // CVE-2025-46821: '*' is a valid path character inside {*}.
        var allow = TestPolicies.Parse("""
            rules:
            - to:
              - operation:
                  paths: ["/foo/{*}"]
            """);
        Assert.Equal(matched, TestRequests.Allowed(TestRequests.Http(target), allow));
    }

    [Theory]
    [InlineData("/foo/", true)]
    [InlineData("/foo/a/b/c", true)]
    [InlineData("/foo", false)]
    [InlineData("/other/a", false)]
    public void Multi_segment_template_matches_any_remainder(string target, bool matched)
    {
        var allow = TestPolicies.Parse("""
            rules:
            - to:
              - operation:
                  paths: ["/foo/{**}"]
            """);
        Assert.Equal(matched, TestRequests.Allowed(TestRequests.Http(target), allow));
    }

    private static void AssertDenied(AuthzPolicy policy, string target, bool none, bool @base, bool merge, bool decode)
    {
        var modes = new[] { PathNormalization.None, PathNormalization.Base, PathNormalization.MergeSlashes, PathNormalization.DecodeAndMergeSlashes };
        var expected = new[] { none, @base, merge, decode };
        for (var i = 0; i < modes.Length; i++)
        {
            var denied = !TestRequests.Allowed(TestRequests.Http(target, modes[i]), policy);
            Assert.True(expected[i] == denied, $"{target} in {modes[i]}: expected {(expected[i] ? "deny" : "allow")}");
        }
    }
}
