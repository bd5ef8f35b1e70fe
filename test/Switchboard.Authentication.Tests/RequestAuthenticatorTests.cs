using Microsoft.Extensions.Time.Testing;
using Switchboard.Authentication.Config;
using Switchboard.Authentication.Jwt;
using Switchboard.Authentication.Tests.Support;

namespace Switchboard.Authentication.Tests;

public sealed class RequestAuthenticatorTests
{
    private static readonly TestKey Key = TestKey.Rsa();
    private static readonly TestKey Other = TestKey.Ec("other-ec");
    private const string OtherIssuer = "other@example.com";

    private static readonly JwtRuleConfig Rule = new() { Issuer = Claims.Issuer, JwksJson = Key.JwksJson() };
    private static readonly JwtRuleConfig OtherRule = new()
    {
        Issuer = OtherIssuer, JwksJson = Other.JwksJson(), FromHeaders = [new JwtHeaderLocation { Name = "x-other-jwt" }],
    };

    private static AuthnResult Run(IReadOnlyList<JwtRuleConfig> rules, string? query, params (string, string)[] headers) =>
        new RequestAuthenticator(rules, new FakeTimeProvider(Claims.Now)).Authenticate(headers.Select(h => new KeyValuePair<string, string>(h.Item1, h.Item2)).ToList(), query);

    private static string Bearer(string token) => "Bearer " + token;

    [Fact]
    public void No_token_is_not_an_error()
    {
        var result = Run([Rule], "a=b", ("Authorization", "Basic eDp5"));
        Assert.Equal(AuthnStatus.NoToken, result.Status);
        Assert.Null(result.Principal);
    }

    [Fact]
    public void A_valid_token_gives_the_identity_and_its_header_is_stripped()
    {
        var result = Run([Rule], null, ("Authorization", Bearer(Key.Sign(Claims.Payload("\"azp\":\"web\"")))));
        Assert.Equal(AuthnStatus.Valid, result.Status);
        Assert.Equal("https://issuer.example.com/alice", result.Principal);
        Assert.Equal(["svc"], result.Audiences);
        Assert.Equal("web", result.Presenter);
        Assert.Equal(["Authorization"], result.HeadersToRemove);
    }

    [Fact]
    public void ForwardOriginalToken_keeps_the_header_and_params_are_never_stripped()
    {
        Assert.Empty(Run([Rule with { ForwardOriginalToken = true }], null, ("Authorization", Bearer(Key.Sign(Claims.Payload())))).HeadersToRemove);
        var viaParam = Run([Rule], "access_token=" + Key.Sign(Claims.Payload()));
        Assert.Equal(AuthnStatus.Valid, viaParam.Status);
        Assert.Empty(viaParam.HeadersToRemove);
    }

    [Theory]
    [InlineData("expired", JwtFailure.Expired, "Jwt is expired")]
    [InlineData("forged", JwtFailure.SignatureInvalid, "Jwt verification fails")]
    [InlineData("garbage", JwtFailure.Malformed, "Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections")]
    [InlineData("unknown-issuer", JwtFailure.UnknownIssuer, "Jwt issuer is not configured")]
    public void An_invalid_token_is_a_401_with_Envoys_reason(string kind, JwtFailure failure, string reason)
    {
        var token = kind switch
        {
            "expired" => Key.Sign($"{{\"iss\":\"{Claims.Issuer}\",\"exp\":{Claims.At(TimeSpan.FromHours(-1))}}}"),
            "forged" => TestKey.Rsa(Key.Kid).Sign(Claims.Payload()),
            "garbage" => "not-a-jwt",
            _ => Key.Sign(Claims.Payload(iss: "https://nobody.example.com")),
        };
        var result = Run([Rule], null, ("Authorization", Bearer(token)));
        Assert.Equal(AuthnStatus.Invalid, result.Status);
        Assert.Equal(failure, result.Failure);
        Assert.Equal(reason, result.Reason);
        Assert.Null(result.Principal);
    }

    [Fact]
    public void A_token_is_only_verified_by_a_rule_that_reads_its_location()
    {
        // OtherRule reads x-other-jwt; its issuer's token in Authorization has no rule there (bulletin 2021-001).
        var rules = new[] { Rule, OtherRule };
        Assert.Equal(AuthnStatus.Valid, Run(rules, null, ("x-other-jwt", Other.Sign(Claims.Payload(iss: OtherIssuer)))).Status);
        Assert.Equal(JwtFailure.UnknownIssuer, Run(rules, null, ("Authorization", Bearer(Other.Sign(Claims.Payload(iss: OtherIssuer))))).Failure);
    }

    [Fact]
    public void Merged_rules_of_one_issuer_each_get_a_chance()
    {
        var stale = Rule with { JwksJson = Other.JwksJson() };
        Assert.Equal(AuthnStatus.Valid, Run([stale, Rule], null, ("Authorization", Bearer(Key.Sign(Claims.Payload())))).Status);
    }

    [Fact]
    public void Every_token_present_must_verify()
    {
        var good = Key.Sign(Claims.Payload());
        var bad = Key.Sign(Claims.Payload(sub: "mallory", extra: $"\"nbf\":{Claims.At(TimeSpan.FromDays(1))}"));
        Assert.Equal(AuthnStatus.Invalid, Run([Rule], null, ("Authorization", Bearer(good)), ("Authorization", Bearer(bad))).Status);
        Assert.Equal(AuthnStatus.Invalid, Run([Rule], "access_token=" + bad, ("Authorization", Bearer(good))).Status);
        Assert.Equal(AuthnStatus.Valid, Run([Rule], "access_token=" + good, ("Authorization", Bearer(good))).Status);

        var two = Run([Rule, OtherRule], null, ("Authorization", Bearer(good)), ("x-other-jwt", Other.Sign(Claims.Payload(iss: OtherIssuer, sub: "bob"))));
        Assert.Equal(AuthnStatus.Valid, two.Status);
        Assert.Equal("https://issuer.example.com/alice", two.Principal);
        Assert.Equal(["Authorization", "x-other-jwt"], two.HeadersToRemove);
    }

    [Fact]
    public void Jwks_error_rejects_the_issuers_tokens()
    {
        var result = Run([Rule with { JwksJson = null, JwksError = "https://issuer.example.com/jwks: timed out after 5s" }], null,
            ("Authorization", Bearer(Key.Sign(Claims.Payload()))));
        Assert.Equal(JwtFailure.JwksUnavailable, result.Failure);
        Assert.Equal("Jwks remote fetch is failed", result.Reason);
    }

    [Fact]
    public void Payload_and_claims_are_output_to_headers_including_nested_ones()
    {
        var rule = Rule with
        {
            OutputPayloadToHeader = "x-jwt-payload",
            OutputClaimToHeaders =
            [
                new ClaimToHeaderConfig { Header = "x-sub", Claim = "sub" },
                new ClaimToHeaderConfig { Header = "x-tier", Claim = "org.plan.tier" },
                new ClaimToHeaderConfig { Header = "x-level", Claim = "level" },
                new ClaimToHeaderConfig { Header = "x-admin", Claim = "admin" },
                new ClaimToHeaderConfig { Header = "x-url", Claim = "https://example.com/role" },
                new ClaimToHeaderConfig { Header = "x-groups", Claim = "groups" },
                new ClaimToHeaderConfig { Header = "x-evil", Claim = "evil" },
                new ClaimToHeaderConfig { Header = "x-missing", Claim = "nope" },
            ],
        };
        var payload = Claims.Payload("\"org\":{\"plan\":{\"tier\":\"gold\"}},\"level\":3,\"admin\":true,\"https://example.com/role\":\"dev\",\"groups\":[\"a\"],\"evil\":\"x\\r\\nx-injected: 1\"");
        var token = Key.Sign(payload);
        var result = Run([rule], null, ("Authorization", Bearer(token)), ("x-sub", "spoofed"));
        Assert.Equal(AuthnStatus.Valid, result.Status);
        var added = result.HeadersToAdd.ToDictionary(h => h.Key, h => h.Value);
        Assert.Equal(token.Split('.')[1], added["x-jwt-payload"]);
        Assert.Equal(payload, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(PadB64(added["x-jwt-payload"]))));
        Assert.Equal("alice", added["x-sub"]);
        Assert.Equal("gold", added["x-tier"]);
        Assert.Equal("3", added["x-level"]);
        Assert.Equal("true", added["x-admin"]);
        Assert.Equal("dev", added["x-url"]);
        Assert.False(added.ContainsKey("x-groups"));
        Assert.False(added.ContainsKey("x-evil"));
        Assert.False(added.ContainsKey("x-missing"));
        Assert.Contains("x-sub", result.HeadersToRemove);
        Assert.Equal("gold", result.Claims!.Value.GetProperty("org").GetProperty("plan").GetProperty("tier").GetString());
    }

    [Fact]
    public void Output_headers_are_removed_even_without_a_token()
    {
        var rule = Rule with { OutputPayloadToHeader = "x-jwt-payload", OutputClaimToHeaders = [new ClaimToHeaderConfig { Header = "x-sub", Claim = "sub" }] };
        var result = Run([rule], null, ("x-sub", "admin"), ("x-jwt-payload", "e30"));
        Assert.Equal(AuthnStatus.NoToken, result.Status);
        Assert.Equal(["x-jwt-payload", "x-sub"], result.HeadersToRemove.Order());
    }

    [Fact]
    public void An_issuer_url_with_slashes_keeps_the_principal_splittable_at_the_last_slash()
    {
        const string issuer = "https://accounts.example.com/tenants/42";
        var rule = Rule with { Issuer = issuer };
        var principal = Run([rule], null, ("Authorization", Bearer(Key.Sign(Claims.Payload(iss: issuer, sub: "u1"))))).Principal!;
        Assert.Equal(issuer, principal[..principal.LastIndexOf('/')]);
        Assert.Equal("u1", principal[(principal.LastIndexOf('/') + 1)..]);
    }

    private static string PadB64(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
