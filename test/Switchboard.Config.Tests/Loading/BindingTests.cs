using Switchboard.Config.Binding;
using Switchboard.Config.Loading;
using Switchboard.Config.Source;
using Switchboard.Config.Types;

namespace Switchboard.Config.Tests.Loading;

/// <summary>The binder's building blocks: durations, name suggestions, scalar resolution.</summary>
public class BindingTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("100ms", 100)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("2.5s", 2_500)]
    [InlineData("1m0.5s", 60_500)]
    [InlineData("0", 0)]
    [InlineData("500us", 0.5)]
    public void Durations_parse_go_syntax(string text, double milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var d, out _));
        Assert.Equal(milliseconds, d.Value.TotalMilliseconds, 6);
        Assert.Equal(text, d.ToString());
    }

    [Theory]
    [InlineData("30x", "unknown unit \"x\"")]
    [InlineData("30", "missing unit")]
    [InlineData("s", "expected a number")]
    [InlineData("", "empty")]
    [InlineData("1.2.3s", "expected a number")]
    public void Bad_durations_say_why(string text, string why)
    {
        Assert.False(Duration.TryParse(text, out _, out var error));
        Assert.Contains(why, error);
    }

    [Theory]
    [InlineData("pendingRequests", "http1MaxPendingRequests")]
    [InlineData("requestsPerConnection", "maxRequestsPerConnection")]
    [InlineData("maxRequestPerConnection", "maxRequestsPerConnection")]
    [InlineData("http2MaxRequest", "http2MaxRequests")]
    [InlineData("idletimeout", "idleTimeout")]
    public void Suggestions_find_the_meant_field(string typed, string meant)
    {
        string[] httpSettings = ["http1MaxPendingRequests", "http2MaxRequests", "maxRequestsPerConnection", "maxRetries", "idleTimeout",
            "h2UpgradePolicy", "useClientProtocol", "maxConcurrentStreams", "http2KeepAlive"];
        Assert.Equal(meant, NameSuggester.Closest(typed, httpSettings));
    }

    [Fact]
    public void Nothing_close_gives_no_suggestion()
    {
        Assert.Null(NameSuggester.Closest("zzzzzz", ["host", "subsets", "trafficPolicy"]));
    }

    [Theory]
    [InlineData("true", Nodes.ScalarType.Bool)]
    [InlineData("False", Nodes.ScalarType.Bool)]
    [InlineData("~", Nodes.ScalarType.Null)]
    [InlineData("8080", Nodes.ScalarType.Int)]
    [InlineData("-1", Nodes.ScalarType.Int)]
    [InlineData("0x1F", Nodes.ScalarType.Int)]
    [InlineData("2.5", Nodes.ScalarType.Float)]
    [InlineData("1e3", Nodes.ScalarType.Float)]
    [InlineData("v2.0", Nodes.ScalarType.String)]
    [InlineData("yes", Nodes.ScalarType.String)]
    [InlineData("30s", Nodes.ScalarType.String)]
    public void Plain_scalars_resolve_by_the_yaml_12_core_schema(string text, Nodes.ScalarType type)
    {
        Assert.Equal(type, Nodes.ScalarNode.ResolvePlain(text));
    }

    [Fact]
    public void Quoted_numbers_are_strings_and_plain_numbers_are_not()
    {
        var result = new ConfigLoader().LoadText("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  labels:\n    ok: \"1\"\n    bad: 1\n", "t.yaml");
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemKind.Schema, problem.Kind);
        Assert.Equal(7, problem.Location.Line);
    }
}
