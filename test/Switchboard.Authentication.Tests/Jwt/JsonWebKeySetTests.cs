using Switchboard.Authentication.Jwt;
using Switchboard.Authentication.Tests.Support;

namespace Switchboard.Authentication.Tests.Jwt;

public sealed class JsonWebKeySetTests
{
    [Fact]
    public void Keys_that_must_not_verify_are_skipped_and_the_rest_kept()
    {
        var rsa = TestKey.Rsa();
        var jwks = TestKey.Jwks(
            "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"kid\":\"hmac\"}",
            rsa.Jwk().Replace("{", "{\"use\":\"enc\","),
            "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"y\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
            "{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"AA\",\"y\":\"AA\"}",
            rsa.Jwk(alg: "HS256"),
            TestKey.Ec().Jwk());
        Assert.True(JsonWebKeySet.TryParse(jwks, out var set, out var error), error);
        Assert.Equal(["EC"], set.Keys.Select(k => k.KeyType));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"keys\":{}}")]
    [InlineData("{\"keys\":[]}")]
    [InlineData("{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}")]
    public void A_set_without_a_usable_key_is_an_error(string json) => Assert.False(JsonWebKeySet.TryParse(json, out _, out _));
}
