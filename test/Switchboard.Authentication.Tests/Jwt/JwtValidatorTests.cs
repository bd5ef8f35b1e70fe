using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Authentication.Config;
using Switchboard.Authentication.Jwt;
using Switchboard.Authentication.Tests.Support;

namespace Switchboard.Authentication.Tests.Jwt;

public sealed class JwtValidatorTests
{
    private static readonly TestKey Rsa = TestKey.Rsa();
    private static readonly TestKey Ec = TestKey.Ec();
    private readonly JwtValidator _validator = new(new FakeTimeProvider(Claims.Now));

    private static CompiledJwtRule Rule(string? jwks = null, IReadOnlyList<string>? audiences = null, string? jwksError = null, int? skew = null) =>
        CompiledJwtRule.From(new JwtRuleConfig
        {
            Issuer = Claims.Issuer, JwksJson = jwks ?? TestKey.Jwks(Rsa.Jwk(), Ec.Jwk()), JwksError = jwksError,
            Audiences = audiences ?? [], ClockSkewSeconds = skew,
        });

    private JwtFailure Check(string token, CompiledJwtRule? rule = null) => _validator.Validate(token, rule ?? Rule()).Failure;

    [Theory]
    [InlineData("RS256"), InlineData("RS384"), InlineData("RS512"), InlineData("PS256"), InlineData("PS384"), InlineData("PS512")]
    public void Rsa_algorithms_verify(string alg) => Assert.Equal(JwtFailure.None, Check(Rsa.Sign(Claims.Payload(), alg)));

    [Theory]
    [InlineData("P-256"), InlineData("P-384"), InlineData("P-521")]
    public void Ec_algorithms_verify_on_their_curve(string curve)
    {
        var key = TestKey.Ec("ec-" + curve, curve);
        var result = _validator.Validate(key.Sign(Claims.Payload()), Rule(key.JwksJson()));
        Assert.True(result.IsValid, result.Detail);
    }

    [Fact]
    public void A_valid_token_gives_principal_audiences_presenter_and_claims()
    {
        var result = _validator.Validate(Ec.Sign(Claims.Payload("\"azp\":\"web\",\"groups\":[\"a\"]", aud: "[\"svc\",\"other\"]")), Rule());
        Assert.True(result.IsValid, result.Detail);
        var token = result.Token!;
        Assert.Equal("https://issuer.example.com/alice", token.Principal);
        Assert.Equal(["svc", "other"], token.Audiences);
        Assert.Equal("web", token.Presenter);
        Assert.Equal("a", token.Claims.GetProperty("groups")[0].GetString());
    }

    [Fact]
    public void Wrong_issuer_is_rejected() =>
        Assert.Equal(JwtFailure.UnknownIssuer, Check(Rsa.Sign(Claims.Payload(iss: "https://evil.example.com"))));

    [Fact]
    public void Audience_must_intersect_when_configured()
    {
        Assert.Equal(JwtFailure.AudienceNotAllowed, Check(Rsa.Sign(Claims.Payload(aud: "\"other\"")), Rule(audiences: ["svc"])));
        Assert.Equal(JwtFailure.None, Check(Rsa.Sign(Claims.Payload(aud: "[\"x\",\"svc\"]")), Rule(audiences: ["svc"])));
        Assert.Equal(JwtFailure.AudienceNotAllowed, Check(Rsa.Sign("{\"iss\":\"" + Claims.Issuer + "\"}"), Rule(audiences: ["svc"])));
    }

    [Fact]
    public void No_configured_audiences_accept_any_audience() =>
        Assert.Equal(JwtFailure.None, Check(Rsa.Sign(Claims.Payload(aud: "\"anything\""))));

    [Fact]
    public void Expired_beyond_skew_is_rejected_and_within_skew_accepted()
    {
        string Exp(int seconds) => Rsa.Sign($"{{\"iss\":\"{Claims.Issuer}\",\"exp\":{Claims.At(TimeSpan.FromSeconds(seconds))}}}");
        Assert.Equal(JwtFailure.Expired, Check(Exp(-61)));
        Assert.Equal(JwtFailure.None, Check(Exp(-59)));
        Assert.Equal(JwtFailure.Expired, Check(Exp(-10), Rule(skew: 0)));
        Assert.Equal("Jwt is expired", JwtFailure.Expired.ResponseBody());
    }

    [Fact]
    public void A_token_without_exp_is_accepted_as_Envoy_does() =>
        Assert.Equal(JwtFailure.None, Check(Rsa.Sign($"{{\"iss\":\"{Claims.Issuer}\",\"sub\":\"s\"}}")));

    [Fact]
    public void Nbf_and_iat_in_the_future_are_rejected()
    {
        Assert.Equal(JwtFailure.NotYetValid, Check(Rsa.Sign(Claims.Payload($"\"nbf\":{Claims.At(TimeSpan.FromMinutes(5))}"))));
        Assert.Equal(JwtFailure.None, Check(Rsa.Sign(Claims.Payload($"\"nbf\":{Claims.At(TimeSpan.FromSeconds(30))}"))));
        Assert.Equal(JwtFailure.IssuedInFuture, Check(Rsa.Sign($"{{\"iss\":\"{Claims.Issuer}\",\"iat\":{Claims.At(TimeSpan.FromMinutes(5))}}}")));
    }

    [Theory]
    [InlineData("\"exp\":\"tomorrow\""), InlineData("\"sub\":42"), InlineData("\"aud\":[\"a\",1]"), InlineData("\"aud\":{}")]
    public void Mistyped_registered_claims_are_rejected(string member) =>
        Assert.Equal(JwtFailure.InvalidPayload, Check(Rsa.Sign($"{{\"iss\":\"{Claims.Issuer}\",{member}}}")));

    [Fact]
    public void Alg_none_is_rejected()
    {
        var token = $"{TestKey.B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{TestKey.B64(Claims.Payload())}.";
        Assert.Equal(JwtFailure.AlgorithmNotAllowed, Check(token));
    }

    [Fact]
    public void Hs256_signed_with_the_public_key_as_secret_is_rejected()
    {
        // The classic key-confusion attack (RFC 8725 §2.1): HMAC keyed with the RSA public key the attacker can read.
        foreach (var secret in new[] { Rsa.PublicKeyBytes, Encoding.UTF8.GetBytes(Rsa.Jwk()) })
        {
            var input = $"{TestKey.B64($"{{\"alg\":\"HS256\",\"kid\":\"{Rsa.Kid}\"}}")}.{TestKey.B64(Claims.Payload())}";
            var token = $"{input}.{TestKey.B64(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)))}";
            Assert.Equal(JwtFailure.AlgorithmNotAllowed, Check(token));
        }
    }

    [Fact]
    public void Tampered_payload_or_signature_fails_verification()
    {
        var token = Rsa.Sign(Claims.Payload());
        var parts = token.Split('.');
        var forged = $"{parts[0]}.{TestKey.B64(Claims.Payload(sub: "admin"))}.{parts[2]}";
        Assert.Equal(JwtFailure.SignatureInvalid, Check(forged));
        var signature = Convert.FromBase64String(parts[2].Replace('-', '+').Replace('_', '/') + "==");
        signature[10] ^= 1;
        Assert.Equal(JwtFailure.SignatureInvalid, Check($"{parts[0]}.{parts[1]}.{TestKey.B64(signature)}"));
        Assert.Equal(JwtFailure.SignatureInvalid, Check($"{parts[0]}.{parts[1]}.{TestKey.B64(signature[..^1])}"));
    }

    [Fact]
    public void A_signature_by_another_key_fails()
    {
        var other = TestKey.Rsa(kid: Rsa.Kid);
        Assert.Equal(JwtFailure.SignatureInvalid, Check(other.Sign(Claims.Payload())));
    }

    [Fact]
    public void Unknown_kid_is_key_not_found()
    {
        var stranger = TestKey.Rsa(kid: "stranger");
        Assert.Equal(JwtFailure.KeyNotFound, Check(stranger.Sign(Claims.Payload())));
    }

    [Fact]
    public void Without_kid_every_key_of_the_algorithm_is_tried()
    {
        var second = TestKey.Rsa("rsa-2");
        var jwks = TestKey.Jwks(Rsa.Jwk(), second.Jwk(includeKid: false));
        var token = second.Sign(Claims.Payload(), headerJson: "{\"alg\":\"RS256\"}");
        Assert.Equal(JwtFailure.None, Check(token, Rule(jwks)));
    }

    [Fact]
    public void A_key_bound_to_another_alg_or_curve_is_not_used()
    {
        Assert.Equal(JwtFailure.KeyNotFound, Check(Rsa.Sign(Claims.Payload(), "PS256"), Rule(TestKey.Jwks(Rsa.Jwk(alg: "RS256")))));
        // An EC key never verifies RS256, even under the RSA key's kid.
        Assert.Equal(JwtFailure.KeyNotFound, Check(Rsa.Sign(Claims.Payload()), Rule(TestKey.Jwks(Ec.Jwk(kid: Rsa.Kid)))));
    }

    [Fact]
    public void Jwks_error_rejects_every_token()
    {
        var result = _validator.Validate(Rsa.Sign(Claims.Payload()), Rule(jwksError: "https://issuer.example.com/jwks: HTTP 500"));
        Assert.Equal(JwtFailure.JwksUnavailable, result.Failure);
        Assert.Equal(JwtFailure.JwksUnavailable, Check(Rsa.Sign(Claims.Payload()), Rule(jwks: "{\"keys\":[]}")));
    }

    [Fact]
    public void Rsa_keys_under_2048_bits_are_not_used()
    {
        var weak = TestKey.Rsa("weak", 1024);
        Assert.Equal(JwtFailure.JwksUnavailable, Check(weak.Sign(Claims.Payload()), Rule(weak.JwksJson())));
    }
}
