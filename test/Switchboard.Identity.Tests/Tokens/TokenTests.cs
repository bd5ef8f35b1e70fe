using System.Security.Cryptography;
using System.Text;
using Switchboard.Identity.Spiffe;
using Switchboard.Identity.Tokens;
using Switchboard.Identity.Tests.Support;

namespace Switchboard.Identity.Tests.Tokens;

/// <summary>Bootstrap tokens: what they carry, and every way a forged, altered or stale one is refused.</summary>
public sealed class TokenTests : IDisposable
{
    private static readonly WorkloadIdentity FooBar = new("foo", "bar");
    private readonly ManualClock _clock = ManualClock.At();
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly TokenIssuer _issuer;
    private readonly TokenVerifier _verifier;

    public TokenTests()
    {
        _issuer = new TokenIssuer(_key, _clock);
        _verifier = new TokenVerifier(_key, _clock);
    }

    public void Dispose() => _key.Dispose();

    private string Mint(TimeSpan? lifetime = null, string audience = BootstrapTokens.CaAudience) =>
        _issuer.Issue(FooBar, "payments-7d9f", lifetime ?? TimeSpan.FromMinutes(10), audience);

    private static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Segment(string token, int i) => token.Split('.')[i];

    [Fact]
    public void A_minted_token_verifies_and_carries_the_workload()
    {
        var result = _verifier.Verify(Mint());

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(FooBar, result.Claims!.Identity);
        Assert.Equal("payments-7d9f", result.Claims.Workload);
        Assert.Equal("istio-ca", result.Claims.Audience);
        Assert.Equal(_clock.Now.AddMinutes(10), result.Claims.Expires);
        Assert.Equal("""{"alg":"ES256","typ":"JWT"}""", Encoding.UTF8.GetString(Base64Url(Segment(Mint(), 0))));
    }

    [Fact]
    public void A_payload_changed_to_another_identity_fails_the_signature()
    {
        var token = Mint();
        var payload = Encoding.UTF8.GetString(Base64Url(Segment(token, 1))).Replace("\"ns\":\"foo\"", "\"ns\":\"kube-system\"");
        var forged = $"{Segment(token, 0)}.{B64(payload)}.{Segment(token, 2)}";

        Assert.Equal(TokenFailure.BadSignature, _verifier.Verify(forged).Failure);
    }

    [Fact]
    public void A_changed_signature_fails()
    {
        var token = Mint();
        var signature = Base64Url(Segment(token, 2));
        signature[10] ^= 0x01;

        Assert.Equal(TokenFailure.BadSignature, _verifier.Verify($"{Segment(token, 0)}.{Segment(token, 1)}.{B64Bytes(signature)}").Failure);
    }

    [Fact]
    public void A_token_signed_by_another_key_fails()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Equal(TokenFailure.BadSignature, _verifier.Verify(new TokenIssuer(other, _clock).Issue(FooBar, "p", TimeSpan.FromMinutes(5))).Failure);
    }

    [Fact]
    public void Alg_none_is_refused()
    {
        var token = Mint();

        Assert.Equal(TokenFailure.UnsupportedAlgorithm, _verifier.Verify($"{B64("""{"alg":"none","typ":"JWT"}""")}.{Segment(token, 1)}.").Failure);
    }

    [Fact]
    public void HS256_keyed_with_the_public_key_is_refused()
    {
        // The classic confusion attack: the verifier's public key used as an HMAC secret.
        var signingInput = $"{B64("""{"alg":"HS256","typ":"JWT"}""")}.{Segment(Mint(), 1)}";
        var mac = HMACSHA256.HashData(_key.ExportSubjectPublicKeyInfo(), Encoding.ASCII.GetBytes(signingInput));

        Assert.Equal(TokenFailure.UnsupportedAlgorithm, _verifier.Verify($"{signingInput}.{B64Bytes(mac)}").Failure);
    }

    [Theory]
    [InlineData("""{"alg":"ES384"}""")]
    [InlineData("""{"alg":"RS256"}""")]
    [InlineData("""{"alg":"es256"}""")]
    [InlineData("""{"alg":"ES256","crit":["exp"]}""")]
    public void Other_headers_are_refused(string header)
    {
        var token = Mint();

        Assert.Equal(TokenFailure.UnsupportedAlgorithm, _verifier.Verify($"{B64(header)}.{Segment(token, 1)}.{Segment(token, 2)}").Failure);
    }

    [Fact]
    public void Expiry_is_enforced_with_30_seconds_of_skew()
    {
        var token = Mint(TimeSpan.FromMinutes(10));

        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(30));
        Assert.True(_verifier.Verify(token).IsValid);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TokenFailure.Expired, _verifier.Verify(token).Failure);
    }

    [Fact]
    public void A_token_from_the_future_is_refused()
    {
        var token = Mint();
        _clock.Advance(TimeSpan.FromMinutes(-5));

        Assert.Equal(TokenFailure.NotYetValid, _verifier.Verify(token).Failure);
    }

    [Fact]
    public void A_token_for_another_audience_is_refused()
    {
        Assert.Equal(TokenFailure.WrongAudience, _verifier.Verify(Mint(audience: "dashboard")).Failure);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30=.AA")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9 .e30.AA")]
    public void Malformed_tokens_are_refused(string? token)
    {
        Assert.Equal(TokenFailure.Malformed, _verifier.Verify(token).Failure);
    }

    [Fact]
    public void Lifetimes_are_short_and_identities_valid()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Mint(TimeSpan.FromHours(25)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mint(TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => _issuer.Issue(new WorkloadIdentity("..", "bar"), "p", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void The_token_key_is_persisted_0600_and_tokens_survive_a_restart()
    {
        using var dir = new TempDir();
        string token;
        using (var key = BootstrapTokens.LoadOrCreateKey(dir.Path)) token = new TokenIssuer(key, _clock).Issue(FooBar, "p", TimeSpan.FromMinutes(5));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File(BootstrapTokens.KeyFile)));
        using var reloaded = BootstrapTokens.LoadOrCreateKey(dir.Path);
        Assert.True(new TokenVerifier(reloaded, _clock).Verify(token).IsValid);
    }

    private static byte[] Base64Url(string s) => Convert.FromBase64String(s.Replace('-', '+').Replace('_', '/').PadRight(s.Length + (4 - s.Length % 4) % 4, '='));

    private static string B64Bytes(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
