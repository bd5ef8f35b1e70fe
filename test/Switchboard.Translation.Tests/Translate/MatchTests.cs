using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Translate;

/// <summary>HTTPMatchRequest → RouteMatch: one YAML match per case and the matcher it must compile to.</summary>
public sealed class MatchTests
{
    private static RouteMatch Compile(string match, bool allowInvalid = false)
    {
        var http = $"""
            - match:
              - {match}
              route: [{"{"}destination: {"{"}host: payment-service{"}"}{"}"}]
            """;
        var config = Mesh.Translate(Fixtures.With(Fixtures.PaymentVs(http)), allowInvalid: allowInvalid);
        return Assert.Single(config.Routes(Fixtures.PaymentHost + ":8080")[0].Matches);
    }

    public static TheoryData<string, StringMatcher> PathCases => new()
    {
        { "uri: {exact: /api/v1/charge}", new StringMatcher(MatchKind.Exact, "/api/v1/charge") },
        { "uri: {prefix: /api}", new StringMatcher(MatchKind.Prefix, "/api") },
        { "uri: {regex: '/api/v[0-9]+/.*'}", new StringMatcher(MatchKind.Regex, "/api/v[0-9]+/.*") },
        { "{uri: {prefix: /API}, ignoreUriCase: true}", new StringMatcher(MatchKind.Prefix, "/API", IgnoreCase: true) },
        { "{uri: {exact: /A}, ignoreUriCase: true}", new StringMatcher(MatchKind.Exact, "/A", IgnoreCase: true) },
        // ignoreUriCase does not apply to regex (which says (?i) itself).
        { "{uri: {regex: '/a.*'}, ignoreUriCase: true}", new StringMatcher(MatchKind.Regex, "/a.*") },
    };

    [Theory]
    [MemberData(nameof(PathCases))]
    public void Uri(string match, StringMatcher expected) => Assert.Equal(expected, Compile(match).Path);

    [Theory]
    [InlineData("method: {exact: POST}", "Method", MatchKind.Exact, "POST")]
    [InlineData("authority: {prefix: payment}", "Authority", MatchKind.Prefix, "payment")]
    [InlineData("scheme: {exact: https}", "Scheme", MatchKind.Exact, "https")]
    public void RequestFields(string match, string field, MatchKind kind, string value)
    {
        var compiled = Compile(match);
        var matcher = field switch { "Method" => compiled.Method, "Authority" => compiled.Authority, _ => compiled.Scheme };
        Assert.Equal(new StringMatcher(kind, value), matcher);
    }

    public static TheoryData<string, KeyedMatcher[]> HeaderCases => new()
    {
        { "headers: {x-beta-user: {exact: 'true'}}", [new("x-beta-user", new StringMatcher(MatchKind.Exact, "true"))] },
        // Names are lower-cased: HTTP/2 sends them so, and HTTP/1 names compare case-insensitively.
        { "headers: {X-Beta-User: {prefix: t}}", [new("x-beta-user", new StringMatcher(MatchKind.Prefix, "t"))] },
        { "headers: {x-trace: {regex: '[0-9a-f]+'}}", [new("x-trace", new StringMatcher(MatchKind.Regex, "[0-9a-f]+"))] },
        { "headers: {x-canary: {}}", [new("x-canary", new StringMatcher(MatchKind.Present))] },
        { "withoutHeaders: {x-debug: {exact: '1'}}", [new("x-debug", new StringMatcher(MatchKind.Exact, "1"), Invert: true)] },
        { "withoutHeaders: {x-debug: {}}", [new("x-debug", new StringMatcher(MatchKind.Present), Invert: true)] },
        // Sorted by name, headers and withoutHeaders together.
        {
            "{headers: {b: {exact: '2'}, a: {exact: '1'}}, withoutHeaders: {c: {}}}",
            [new("a", new StringMatcher(MatchKind.Exact, "1")), new("b", new StringMatcher(MatchKind.Exact, "2")), new("c", new StringMatcher(MatchKind.Present), true)]
        },
    };

    [Theory]
    [MemberData(nameof(HeaderCases))]
    public void Headers(string match, KeyedMatcher[] expected) => Assert.Equal(expected, Compile(match).Headers);

    [Fact]
    public void RegexStarMeansPresentAsIstioReadsIt()
    {
        // Not RE2 (validation says so), but Istio compiles it to a presence check, so config that relied on it keeps working.
        var compiled = Compile("headers: {x-canary: {regex: '*'}}", allowInvalid: true);
        Assert.Equal([new KeyedMatcher("x-canary", new StringMatcher(MatchKind.Present))], compiled.Headers);
    }

    public static TheoryData<string, KeyedMatcher[]> QueryCases => new()
    {
        { "queryParams: {user: {exact: alice}}", [new("user", new StringMatcher(MatchKind.Exact, "alice"))] },
        { "queryParams: {id: {regex: '\\d+'}}", [new("id", new StringMatcher(MatchKind.Regex, "\\d+"))] },
        { "queryParams: {debug: {}}", [new("debug", new StringMatcher(MatchKind.Present))] },
        // `?Flag` keeps its case: query parameter names are case-sensitive.
        { "queryParams: {Flag: {exact: ''}}", [new("Flag", new StringMatcher(MatchKind.Exact, ""))] },
    };

    [Theory]
    [MemberData(nameof(QueryCases))]
    public void QueryParameters(string match, KeyedMatcher[] expected) => Assert.Equal(expected, Compile(match).QueryParameters);

    [Fact]
    public void NameAndPortAreKept()
    {
        var compiled = Compile("{name: beta, port: 8080, uri: {prefix: /}}");
        Assert.Equal(("beta", 8080), (compiled.Name, compiled.Port));
    }

    [Fact]
    public void MatchesOfOneRuleAreOrderedAsWrittenAndStopAtACatchAll()
    {
        var http = """
            - match:
              - headers: {x-beta-user: {exact: "true"}}
              - uri: {prefix: /}
              - uri: {prefix: /never}
              route: [{destination: {host: payment-service, subset: canary}}]
            - route: [{destination: {host: payment-service, subset: stable}}]
            """;
        var routes = Mesh.Translate(Fixtures.With(Fixtures.PaymentVs(http))).Routes(Fixtures.PaymentHost + ":8080");
        // The first rule accepts every request, so the second can never be reached and is not emitted (as Istio).
        var route = Assert.Single(routes);
        Assert.Equal(2, route.Matches.Count);
        Assert.Equal(new StringMatcher(MatchKind.Prefix, "/"), route.Matches[1].Path);
    }
}
