using Switchboard.Authentication.Config;
using Switchboard.Authentication.Extraction;

namespace Switchboard.Authentication.Tests.Extraction;

public sealed class TokenExtractorTests
{
    private static readonly JwtRuleConfig Defaults = new() { Issuer = "i" };

    private static KeyValuePair<string, string> H(string name, string value) => new(name, value);

    private static IReadOnlyList<string> Tokens(JwtRuleConfig rule, string? query, params KeyValuePair<string, string>[] headers) =>
        TokenExtractor.Extract([rule], headers, query).Select(t => t.Token).ToList();

    [Fact]
    public void Defaults_are_authorization_bearer_and_access_token()
    {
        Assert.Equal([TokenLocation.DefaultHeader, TokenLocation.DefaultParam], TokenExtractor.LocationsOf(Defaults));
        Assert.Equal(["a.b.c"], Tokens(Defaults, null, H("authorization", "Bearer a.b.c")));
        Assert.Equal(["q.r.s"], Tokens(Defaults, "?x=1&access_token=q.r.s"));
        Assert.Empty(Tokens(Defaults, null, H("Authorization", "Basic dXNlcjpwYXNz")));
        Assert.Empty(Tokens(Defaults, null, H("Authorization", "bearer a.b.c"))); // the prefix matches exactly
        Assert.Empty(Tokens(Defaults, null, H("Authorization", "Bearer ")));
    }

    [Fact]
    public void Configured_locations_replace_the_defaults()
    {
        var rule = Defaults with
        {
            FromHeaders = [new JwtHeaderLocation { Name = "x-jwt", Prefix = "Token " }, new JwtHeaderLocation { Name = "x-raw" }],
            FromParams = ["jwt"],
            FromCookies = ["session"],
        };
        Assert.Empty(Tokens(rule, "access_token=d.e.f", H("Authorization", "Bearer a.b.c")));
        Assert.Equal(["1.2.3"], Tokens(rule, null, H("X-JWT", "Token 1.2.3")));
        Assert.Empty(Tokens(rule, null, H("x-jwt", "1.2.3")));
        Assert.Equal(["4.5.6"], Tokens(rule, null, H("x-raw", " 4.5.6 ")));
        Assert.Equal(["7.8.9"], Tokens(rule, "a=b&jwt=7.8.9"));
        Assert.Equal(["c.o.k"], Tokens(rule, null, H("Cookie", "theme=dark; session=\"c.o.k\"")));
    }

    [Fact]
    public void Query_values_are_percent_decoded_and_names_exact()
    {
        Assert.Equal(["a.b.c"], Tokens(Defaults, "access_token=a%2Eb%2Ec"));
        Assert.Empty(Tokens(Defaults, "Access_Token=a.b.c"));
    }

    [Fact]
    public void One_token_in_two_places_is_one_token_two_tokens_are_two()
    {
        var same = TokenExtractor.Extract([Defaults], [H("Authorization", "Bearer a.b.c")], "access_token=a.b.c");
        Assert.Equal(2, Assert.Single(same).Locations.Count);
        var two = TokenExtractor.Extract([Defaults], [H("Authorization", "Bearer a.b.c"), H("Authorization", "Bearer d.e.f")], null);
        Assert.Equal(["a.b.c", "d.e.f"], two.Select(t => t.Token));
    }

    [Fact]
    public void Each_token_lists_the_rules_that_look_where_it_was_found()
    {
        var headerRule = new JwtRuleConfig { Issuer = "a", FromHeaders = [new JwtHeaderLocation { Name = "x-a" }] };
        var found = TokenExtractor.Extract([Defaults, headerRule, Defaults with { Issuer = "c" }], [H("Authorization", "Bearer t.t.t"), H("x-a", "u.u.u")], null);
        Assert.Equal([0, 2], found[0].RuleIndexes);
        Assert.Equal([1], found[1].RuleIndexes);
    }
}
