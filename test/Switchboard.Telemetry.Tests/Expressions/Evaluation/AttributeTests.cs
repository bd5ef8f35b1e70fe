using Switchboard.Telemetry.Expressions;
using Switchboard.Telemetry.Tests.TestSupport;

namespace Switchboard.Telemetry.Tests.Expressions.Evaluation;

/// <summary>Reading attributes: absence as an error value, <c>has()</c>, header maps by lower-cased name, filter state.</summary>
public sealed class AttributeTests
{
    [Theory]
    [InlineData("request.host == 'x'", "error(NoSuchAttribute)")]
    [InlineData("has(request.host)", "false")]
    [InlineData("request.headers['missing']", "error(NoSuchKey)")]
    [InlineData("has(request.headers.missing)", "false")]
    [InlineData("'missing' in request.headers", "false")]
    [InlineData("filter_state['missing']", "error(NoSuchKey)")]
    public void Absent(string text, string result) => Assert.Equal(result, Cel.Eval(text));

    [Theory]
    [InlineData("request.headers['x-user'] == 'alice'")]
    [InlineData("request.headers['X-User'] == 'alice'")]
    [InlineData("request.headers.x_id == '7'")]
    [InlineData("has(request.headers.x_id)")]
    [InlineData("'X-USER' in request.headers")]
    [InlineData("request.headers[request.host] == 'yes'")]
    [InlineData("request.host in request.headers")]
    [InlineData("response.headers['content-type'].startsWith('application/json')")]
    [InlineData("response.trailers['grpc-status'] == '0'")]
    [InlineData("filter_state['Peer.Name'] == 'p'")]
    [InlineData("filter_state.count + 1 == 3")]
    [InlineData("!has(filter_state.peer)")]
    [InlineData("!('peer.name' in filter_state)")]
    public void Map_attributes(string text)
    {
        var attributes = new TestAttributes()
            .With("request.host", "Vhost")
            .Header("X-User", "alice")
            .Header("x_id", "7")
            .Header("vhost", "yes")
            .ResponseHeader("Content-Type", "application/json; charset=utf-8")
            .Entry(AttributeMap.ResponseTrailers, "grpc-status", Value.String("0"))
            .Entry(AttributeMap.FilterState, "Peer.Name", Value.String("p"))
            .Entry(AttributeMap.FilterState, "count", Value.Int(2));
        Assert.Equal("true", Cel.Eval(text, attributes));
    }

    [Fact]
    public void Header_keys_reach_the_source_lower_cased()
    {
        var seen = new List<string>();
        var source = new RecordingSource(seen);
        CelExpression.Parse("request.headers['X-A'] == 'x' || request.headers[dyn('X-B')] == 'y'").Evaluate(source);
        CelExpression.Parse("filter_state['Exact.Key'] == 'x'").Evaluate(source);
        Assert.Equal(["x-a", "x-b", "Exact.Key"], seen);
    }

    [Theory]
    [InlineData("response.code >= 400")]
    [InlineData("response.code + 1 == 2")]
    public void A_value_of_the_wrong_kind_from_the_source_is_an_error_not_a_crash(string text)
    {
        var attributes = new TestAttributes().With("response.code", "five hundred");
        var expression = CelExpression.Parse(text);
        Assert.Equal(EvaluationError.NoMatchingOverload, expression.Evaluate(attributes).AsError);
        Assert.False(expression.EvaluateBool(attributes));
    }

    [Fact]
    public void Run_time_type_errors_make_a_filter_false_and_a_tag_unknown()
    {
        var attributes = new TestAttributes().With("response.code", 200).Entry(AttributeMap.FilterState, "k", Value.String("s"));
        foreach (var text in new[] { "dyn(response.code) + 'x'", "filter_state['k'] + 1" })
        {
            var expression = CelExpression.Parse(text);
            Assert.Equal(EvaluationError.NoMatchingOverload, expression.Evaluate(attributes).AsError);
            Assert.False(expression.EvaluateBool(attributes));
            Assert.Equal("unknown", expression.EvaluateString(attributes));
        }
    }

    [Fact]
    public void Constant_subtrees_are_folded_and_read_nothing()
    {
        var attributes = new TestAttributes().With("response.code", 404);
        Assert.Equal("true", Cel.Eval("response.code in [400 + 4, 500] && size('abc') == 3", attributes));
        Assert.Equal(1, attributes.Lookups);
    }

    [Fact]
    public void Dynamic_regex_patterns_are_evaluated_and_bad_ones_are_errors()
    {
        var good = new TestAttributes().With("request.path", "/v1/items").Entry(AttributeMap.FilterState, "re", Value.String("^/v[0-9]+/"));
        var bad = new TestAttributes().With("request.path", "/v1/items").Entry(AttributeMap.FilterState, "re", Value.String("(("));
        var expression = CelExpression.Parse("request.path.matches(filter_state['re'])");
        Assert.True(expression.EvaluateBool(good));
        Assert.True(expression.EvaluateBool(good));
        Assert.Equal(EvaluationError.InvalidArgument, expression.Evaluate(bad).AsError);
    }

    /// <summary>Records the keys of map lookups.</summary>
    private sealed class RecordingSource(List<string> seen) : IAttributeSource
    {
        public bool TryGet(AttributeId id, out Value value)
        {
            value = default;
            return false;
        }

        public bool TryGetEntry(AttributeMap map, string key, out Value value)
        {
            seen.Add(key);
            value = default;
            return false;
        }
    }
}
