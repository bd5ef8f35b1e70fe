using Microsoft.Extensions.Time.Testing;
using Switchboard.Authentication.Config;
using Switchboard.Authentication.Jwt;
using Switchboard.Authentication.Tests.Support;

namespace Switchboard.Authentication.Tests.Jwt;

/// <summary>
/// A seeded mutation run over valid tokens (reference §6 J, "JWT parser"): flipped, inserted, deleted and truncated
/// characters never throw, and never verify unless the mutation left the token unchanged.
/// </summary>
public sealed class JwtMutationTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \"{}\0é";

    [Theory]
    [InlineData("rsa", 1)]
    [InlineData("ec", 2)]
    public void Mutated_tokens_never_throw_and_never_verify(string kind, int seed)
    {
        var key = kind == "rsa" ? TestKey.Rsa() : TestKey.Ec();
        var rule = CompiledJwtRule.From(new JwtRuleConfig { Issuer = Claims.Issuer, JwksJson = key.JwksJson(), Audiences = ["svc"] });
        var validator = new JwtValidator(new FakeTimeProvider(Claims.Now));
        var original = key.Sign(Claims.Payload("\"nested\":{\"a\":[1,2,{\"b\":null}]}"));
        Assert.True(validator.Validate(original, rule).IsValid);
        var random = new Random(seed);
        for (var i = 0; i < 3000; i++)
        {
            var chars = original.ToList();
            for (var edits = random.Next(1, 4); edits > 0 && chars.Count > 0; edits--)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(4))
                {
                    case 0: chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    case 1: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    case 2: chars.RemoveAt(at); break;
                    default: chars.RemoveRange(at, chars.Count - at); break;
                }
            }
            var mutated = new string(chars.ToArray());
            var result = validator.Validate(mutated, rule);
            Assert.True(!result.IsValid || mutated == original, $"mutation verified: {mutated}");
        }
    }
}
