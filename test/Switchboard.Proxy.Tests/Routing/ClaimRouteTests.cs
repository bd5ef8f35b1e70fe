using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Routing;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests.Routing;

/// <summary>Routes on <c>@request.auth.claims.*</c>: read from the verified token only, lists element by element, nested paths.</summary>
public class ClaimRouteTests
{
    private static CompiledRoute Route(string key, StringMatcher matcher, bool invert = false) =>
        new(new Route
        {
            Name = "claims",
            Matches = [new RouteMatch { Headers = [new KeyedMatcher(key, matcher, invert)] }],
        });

    private static HttpRequest Request(string? claimsJson, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        if (claimsJson is not null) context.Features.Set(new VerifiedClaimsFeature(JsonDocument.Parse(claimsJson).RootElement.Clone()));
        foreach (var (name, value) in headers) context.Request.Headers[name] = value;
        return context.Request;
    }

    [Theory]
    [InlineData("{\"group\":\"beta\"}", true)]
    [InlineData("{\"group\":[\"alpha\",\"beta\"]}", true)]
    [InlineData("{\"group\":\"alpha\"}", false)]
    [InlineData("{}", false)]
    [InlineData(null, false)]
    public void Exact_claim_match_reads_the_verified_token(string? claims, bool expected)
    {
        var route = Route("@request.auth.claims.group", new StringMatcher(MatchKind.Exact, "beta"));
        Assert.Equal(expected, route.TryMatch(Request(claims), 80, out _));
    }

    [Fact]
    public void A_client_header_named_like_the_claim_never_matches()
    {
        var route = Route("@request.auth.claims.group", new StringMatcher(MatchKind.Exact, "beta"));
        Assert.False(route.TryMatch(Request(null, ("@request.auth.claims.group", "beta")), 80, out _));
    }

    [Theory]
    [InlineData("@request.auth.claims.org.team")]
    [InlineData("@request.auth.claims[org][team]")]
    public void Nested_claims_in_both_spellings(string key)
    {
        var route = Route(key, new StringMatcher(MatchKind.Prefix, "pay"));
        Assert.True(route.TryMatch(Request("{\"org\":{\"team\":\"payments\"}}"), 80, out _));
        Assert.False(route.TryMatch(Request("{\"org\":{\"team\":\"search\"}}"), 80, out _));
        Assert.False(route.TryMatch(Request("{\"org\":\"payments\"}"), 80, out _));
    }

    [Fact]
    public void Presence_and_without_headers()
    {
        var present = Route("@request.auth.claims.sub", new StringMatcher(MatchKind.Present));
        Assert.True(present.TryMatch(Request("{\"sub\":\"\"}"), 80, out _));
        Assert.False(present.TryMatch(Request("{\"iss\":\"x\"}"), 80, out _));

        var without = Route("@request.auth.claims.group", new StringMatcher(MatchKind.Exact, "beta"), invert: true);
        Assert.True(without.TryMatch(Request(null), 80, out _));
        Assert.True(without.TryMatch(Request("{\"group\":\"alpha\"}"), 80, out _));
        Assert.False(without.TryMatch(Request("{\"group\":[\"beta\"]}"), 80, out _));
    }

    [Fact]
    public void Numbers_and_booleans_compare_by_their_json_text()
    {
        Assert.True(Route("@request.auth.claims.level", new StringMatcher(MatchKind.Exact, "3")).TryMatch(Request("{\"level\":3}"), 80, out _));
        Assert.True(Route("@request.auth.claims.admin", new StringMatcher(MatchKind.Exact, "true")).TryMatch(Request("{\"admin\":true}"), 80, out _));
    }
}
