using Microsoft.Extensions.Time.Testing;
using Switchboard.Authentication.Config;
using Switchboard.Authentication.Jwt;
using Switchboard.Authentication.Tests.Support;

namespace Switchboard.Authentication.Tests.Jwt;

public sealed class CompactJwsTests
{
    private static readonly TestKey Key = TestKey.Rsa();

    private static JwtFailure Parse(string token, int max = JwtValidator.DefaultMaxTokenLength)
    {
        CompactJws.TryParse(token, max, out _, out var failure, out _);
        return failure;
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("a.b.c.d.e")]
    [InlineData("....")]
    public void Anything_but_three_parts_is_malformed(string token) => Assert.Equal(JwtFailure.Malformed, Parse(token));

    [Fact]
    public void Base64url_is_strict()
    {
        var parts = Key.Sign(Claims.Payload()).Split('.');
        Assert.Equal(JwtFailure.None, Parse(string.Join('.', parts)));
        Assert.Equal(JwtFailure.Malformed, Parse($"{parts[0]}=.{parts[1]}.{parts[2]}"));                 // padding
        Assert.Equal(JwtFailure.Malformed, Parse($"{parts[0]}.{parts[1].Replace('-', '+').Replace('_', '/')}+/.{parts[2]}")); // standard alphabet
        Assert.Equal(JwtFailure.Malformed, Parse($"{parts[0]}.{parts[1]} .{parts[2]}"));                  // whitespace
        var long1 = parts[2];
        while (long1.Length % 4 != 1) long1 += "A";
        Assert.Equal(JwtFailure.Malformed, Parse($"{parts[0]}.{parts[1]}.{long1}"));                      // length 4n+1
        // Same bytes, second spelling (a set unused bit in the last character): refused.
        Assert.Equal(JwtFailure.Malformed, Parse($"{parts[0]}.{parts[1]}.{NonCanonical(parts[2])}"));
    }

    private static string NonCanonical(string segment)
    {
        // A 256-byte signature is 342 chars with 4 unused low bits in the last one; setting one keeps the bytes.
        var last = segment[^1];
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var index = alphabet.IndexOf(last);
        return segment[..^1] + alphabet[index ^ 1];
    }

    [Theory]
    [InlineData("[1,2]", JwtFailure.InvalidHeader)]
    [InlineData("not json", JwtFailure.InvalidHeader)]
    [InlineData("{\"typ\":\"JWT\"}", JwtFailure.InvalidHeader)]
    [InlineData("{\"alg\":256}", JwtFailure.InvalidHeader)]
    [InlineData("{\"alg\":\"RS256\",\"kid\":7}", JwtFailure.InvalidHeader)]
    [InlineData("{\"alg\":\"none\",\"alg\":\"RS256\"}", JwtFailure.InvalidHeader)]
    [InlineData("{\"alg\":\"RS256\",\"crit\":[\"b64\"],\"b64\":false}", JwtFailure.UnsupportedCritical)]
    public void Bad_headers_are_rejected(string header, JwtFailure expected) =>
        Assert.Equal(expected, Parse($"{TestKey.B64(header)}.{TestKey.B64(Claims.Payload())}.AAAA"));

    [Theory]
    [InlineData("\"just a string\"")]
    [InlineData("{\"iss\":\"a\",\"iss\":\"b\"}")]
    [InlineData("{\"nested\":{\"x\":1,\"x\":2}}")]
    [InlineData("{\"unterminated\":")]
    public void Bad_payloads_are_rejected(string payload) =>
        Assert.Equal(JwtFailure.InvalidPayload, Parse($"{TestKey.B64("{\"alg\":\"RS256\"}")}.{TestKey.B64(payload)}.AAAA"));

    [Fact]
    public void Invalid_utf8_does_not_throw() =>
        Assert.Equal(JwtFailure.InvalidPayload, Parse($"{TestKey.B64("{\"alg\":\"RS256\"}")}.{TestKey.B64([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])}.AAAA"));

    [Fact]
    public void Size_limit_applies_before_anything_is_decoded()
    {
        var token = Key.Sign(Claims.Payload($"\"pad\":\"{new string('x', 20_000)}\""));
        Assert.Equal(JwtFailure.TooLarge, Parse(token));
        Assert.Equal(JwtFailure.None, Parse(token, max: 64 * 1024));
        var validator = new JwtValidator(new FakeTimeProvider(Claims.Now));
        var rule = CompiledJwtRule.From(new JwtRuleConfig { Issuer = Claims.Issuer, JwksJson = Key.JwksJson() });
        Assert.Equal(JwtFailure.TooLarge, validator.Validate(token, rule).Failure);
    }

    [Fact]
    public void Deeply_nested_json_is_rejected_without_throwing()
    {
        var deep = new string('[', 200) + new string(']', 200);
        Assert.Equal(JwtFailure.InvalidPayload, Parse($"{TestKey.B64("{\"alg\":\"RS256\"}")}.{TestKey.B64($"{{\"a\":{deep}}}")}.AAAA"));
    }
}
