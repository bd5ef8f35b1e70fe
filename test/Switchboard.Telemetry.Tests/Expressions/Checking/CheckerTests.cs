using Switchboard.Telemetry.Expressions;
using Switchboard.Telemetry.Tests.TestSupport;

namespace Switchboard.Telemetry.Tests.Expressions.Checking;

/// <summary>
/// The checker: names against Envoy's attribute table, the function subset, and operator types, each error at the
/// column of what is wrong (attributes at their first character, operators and functions at their name).
/// </summary>
public sealed class CheckerTests
{
    [Theory]
    [InlineData("request.foo == 1", "UnknownAttribute@1")]
    [InlineData("response.code == 200 && request.url_pat == '/x'", "UnknownAttribute@25")]
    [InlineData("foo", "UnknownAttribute@1")]
    [InlineData("Request.path == 'x'", "UnknownAttribute@1")]
    [InlineData("request", "UnknownAttribute@1")]
    [InlineData("1 + upstream", "UnknownAttribute@5")]
    [InlineData("request.headers", "UnsupportedAttribute@1")]
    [InlineData("size(request.headers) > 0", "UnsupportedAttribute@6")]
    [InlineData("has(request.headers)", "UnsupportedAttribute@5")]
    [InlineData("filter_state == 1", "UnsupportedAttribute@1")]
    [InlineData("xds.node.id == 'x'", "UnsupportedAttribute@1")]
    [InlineData("metadata.filter_metadata", "UnsupportedAttribute@1")]
    [InlineData("upstream.locality", "UnsupportedAttribute@1")]
    [InlineData("lower(request.host)", "UnknownFunction@1")]
    [InlineData("request.host.lowerAscii() == 'a'", "UnknownFunction@14")]
    [InlineData("[1].exists(x, x > 1)", "UnknownFunction@5")]
    [InlineData("math.greatest(1, 2)", "UnknownFunction@6")]
    [InlineData("has(request)", "WrongArguments@5")]
    [InlineData("has(request.headers['x'])", "WrongArguments@5")]
    [InlineData("has()", "WrongArguments@1")]
    [InlineData("size()", "WrongArguments@1")]
    [InlineData("startsWith(request.path, '/')", "WrongArguments@1")]
    [InlineData("request.path.startsWith()", "WrongArguments@14")]
    [InlineData("request.path.int()", "WrongArguments@14")]
    [InlineData("has(request.foo)", "UnknownAttribute@5")]
    [InlineData("response.code + 'x'", "TypeMismatch@15")]
    [InlineData("response.code == 'x'", "TypeMismatch@15")]
    [InlineData("1 + 1u", "TypeMismatch@3")]
    [InlineData("1 + 1.0", "TypeMismatch@3")]
    [InlineData("request.path > 1", "TypeMismatch@14")]
    [InlineData("connection.mtls && response.code", "TypeMismatch@17")]
    [InlineData("!response.code", "TypeMismatch@1")]
    [InlineData("-request.path", "TypeMismatch@1")]
    [InlineData("-1u", "TypeMismatch@1")]
    [InlineData("2.5 % 2.0", "TypeMismatch@5")]
    [InlineData("response.code ? 1 : 2", "TypeMismatch@15")]
    [InlineData("request.path.startsWith(1)", "TypeMismatch@14")]
    [InlineData("response.code.startsWith('x')", "TypeMismatch@15")]
    [InlineData("size(response.code)", "TypeMismatch@1")]
    [InlineData("int(connection.mtls)", "TypeMismatch@1")]
    [InlineData("request.path.foo", "TypeMismatch@14")]
    [InlineData("request.headers['x'].y", "TypeMismatch@22")]
    [InlineData("request.headers[1] == 'a'", "TypeMismatch@17")]
    [InlineData("1 in request.headers", "TypeMismatch@1")]
    [InlineData("1 in 2", "TypeMismatch@3")]
    [InlineData("request.path[0]", "TypeMismatch@13")]
    [InlineData("{[1]: 2}", "TypeMismatch@2")]
    [InlineData("request.path.matches('[')", "InvalidRegex@22")]
    [InlineData("matches(request.path, '(a)\\\\1')", "InvalidRegex@23")]
    [InlineData("request.duration > duration('5x')", "InvalidLiteral@29")]
    [InlineData("request.time > timestamp('yesterday')", "InvalidLiteral@26")]
    public void Reports_code_and_column(string text, string expected) => Assert.Equal(expected, Cel.Error(text));

    [Fact]
    public void Every_error_is_collected()
    {
        var errors = Cel.Errors("request.foo == 1 || response.bar == 2 || nope(1)");
        Assert.Equal(
            ["UnknownAttribute@1", "UnknownAttribute@21", "UnknownFunction@42"],
            errors.Select(e => $"{e.Code}@{e.Column}"));
    }

    [Fact]
    public void Misspelled_attributes_get_a_suggestion()
    {
        var error = Cel.Errors("request.url_pat == '/x'")[0];
        Assert.Contains("'request.url_path'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("response.code >= 400", CelType.Bool)]
    [InlineData("request.headers['x-user-type']", CelType.String)]
    [InlineData("string(destination.port)", CelType.String)]
    [InlineData("destination.port", CelType.Int)]
    [InlineData("connection.id", CelType.Uint)]
    [InlineData("request.time", CelType.Timestamp)]
    [InlineData("request.duration", CelType.Duration)]
    [InlineData("filter_state['k']", CelType.Dyn)]
    [InlineData("response.code > 1 ? 1 : 'a'", CelType.Dyn)]
    [InlineData("true ? 1 : 'a'", CelType.Int)]
    [InlineData("[1, 2]", CelType.List)]
    [InlineData("has(request.headers.x)", CelType.Bool)]
    public void Infers_the_result_type(string text, CelType type) => Assert.Equal(type, CelExpression.Parse(text).ResultType);

    [Theory]
    [InlineData("response.code", "ResultType@1")]
    [InlineData("request.path", "ResultType@1")]
    [InlineData("  'x'", "ResultType@3")]
    public void A_filter_must_be_bool(string text, string expected) => Assert.Equal(expected, Cel.Error(text, CelType.Bool));

    [Theory]
    [InlineData("filter_state['flag']")]
    [InlineData("response.code >= 500")]
    public void A_filter_may_be_bool_or_dyn(string text) => Assert.True(CelExpression.TryParse(text, CelType.Bool, out _, out _));

    [Fact]
    public void Every_catalogued_attribute_is_accepted_with_its_type()
    {
        foreach (var path in AttributeCatalog.Paths)
        {
            Assert.True(AttributeCatalog.TryFind(path, out var id), path);
            Assert.Equal(path, AttributeCatalog.PathOf(id));
            Assert.Equal(AttributeCatalog.TypeOf(id), CelExpression.Parse(path).ResultType);
            Assert.Equal(CelType.Bool, CelExpression.Parse($"has({path})").ResultType);
        }
        Assert.Equal(Enum.GetValues<AttributeId>().Length, AttributeCatalog.Paths.Count());
    }

    [Fact]
    public void Exception_carries_all_errors()
    {
        var e = Assert.Throws<ExpressionException>(() => CelExpression.Parse("request.a || request.b"));
        Assert.Equal(2, e.Errors.Count);
        Assert.Equal(ExpressionErrorCode.UnknownAttribute, e.Code);
        Assert.Contains("(and 1 more)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_text_is_an_error_not_a_crash() => Assert.Equal("Syntax@1", Cel.Error(null!));
}
