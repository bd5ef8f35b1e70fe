using Switchboard.Telemetry.Expressions;
using Switchboard.Telemetry.Expressions.Syntax;
using Switchboard.Telemetry.Tests.TestSupport;

namespace Switchboard.Telemetry.Tests.Expressions.Syntax;

/// <summary>Syntax errors carry a code and the 1-based column of the offending token.</summary>
public sealed class ParserErrorTests
{
    [Theory]
    [InlineData("", "Syntax@1")]
    [InlineData("   ", "Syntax@1")]
    [InlineData("response.code >= ", "Syntax@18")]
    [InlineData("size('abc'))", "Syntax@12")]
    [InlineData("(1 + 2", "Syntax@7")]
    [InlineData("1 +* 2", "Syntax@4")]
    [InlineData("response.code = 200", "Syntax@15")]
    [InlineData("a & b", "Syntax@3")]
    [InlineData("a ? b ? c : d : e", "Syntax@7")]
    [InlineData("a ? b", "Syntax@6")]
    [InlineData("a.1", "Syntax@2")]
    [InlineData("a.", "Syntax@3")]
    [InlineData("a.'b'", "Syntax@3")]
    [InlineData("#", "Syntax@1")]
    [InlineData("[1, 2", "Syntax@6")]
    [InlineData("{'a' 1}", "Syntax@6")]
    [InlineData("f(,)", "Syntax@3")]
    [InlineData("Foo{a: 1}", "Syntax@4")]
    [InlineData("if", "Syntax@1")]
    [InlineData("x + while", "Syntax@5")]
    [InlineData("in", "Syntax@1")]
    [InlineData("'abc", "Syntax@1")]
    [InlineData("'ab\nc'", "Syntax@1")]
    [InlineData("'''abc''", "Syntax@1")]
    [InlineData("'a\\qb'", "InvalidLiteral@3")]
    [InlineData("'\\x4'", "InvalidLiteral@2")]
    [InlineData("'\\uD800'", "InvalidLiteral@2")]
    [InlineData("'\\U00110000'", "InvalidLiteral@2")]
    [InlineData("'\\400'", "InvalidLiteral@2")]
    [InlineData("9223372036854775808", "InvalidLiteral@1")]
    [InlineData("1 + 9223372036854775808", "InvalidLiteral@5")]
    [InlineData("-9223372036854775809", "InvalidLiteral@2")]
    [InlineData("18446744073709551616u", "InvalidLiteral@1")]
    [InlineData("1e999", "InvalidLiteral@1")]
    [InlineData("0x", "InvalidLiteral@1")]
    [InlineData("b'abc'", "InvalidLiteral@1")]
    [InlineData("rb'abc'", "InvalidLiteral@1")]
    public void Reports_code_and_column(string text, string expected) => Assert.Equal(expected, Cel.Error(text));

    [Fact]
    public void Message_names_the_token_and_column()
    {
        var e = Assert.Throws<ExpressionException>(() => CelExpression.Parse("size('abc'))"));
        Assert.Equal("unexpected token ')' at column 12", e.Message);
        Assert.Equal(12, e.Column);
        Assert.Equal(ExpressionErrorCode.Syntax, e.Code);
    }

    [Fact]
    public void Multi_line_text_reports_line_and_column()
    {
        var error = Cel.Errors("response.code >= 400 &&\n  )")[0];
        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.EndsWith("at line 2, column 3", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Length_is_bounded()
    {
        var text = "'" + new string('a', ExpressionLimits.MaxLength) + "'";
        Assert.Equal($"TooLong@{ExpressionLimits.MaxLength + 1}", Cel.Error(text));
    }

    [Fact]
    public void Nesting_is_bounded()
    {
        Parser.Parse(new string('(', 63) + "1" + new string(')', 63));
        Assert.Equal("TooDeep@65", Cel.Error(new string('(', 5_000) + "1" + new string(')', 5_000)));
        Assert.StartsWith("TooDeep@", Cel.Error(new string('[', 10_000)), StringComparison.Ordinal);
        Assert.StartsWith("TooDeep@", Cel.Error(string.Concat(Enumerable.Repeat("f(", 5_000))), StringComparison.Ordinal);
        Assert.StartsWith("TooDeep@", Cel.Error(string.Concat(Enumerable.Repeat("a ? b : ", 1_500)) + "c"), StringComparison.Ordinal);
    }

    [Fact]
    public void Tree_height_is_bounded_for_left_leaning_chains()
    {
        Assert.StartsWith("TooDeep@", Cel.Error("request" + string.Concat(Enumerable.Repeat(".a", 100))), StringComparison.Ordinal);
        Assert.StartsWith("TooDeep@", Cel.Error(string.Join(" + ", Enumerable.Repeat("1", 3_000))), StringComparison.Ordinal);
        Assert.StartsWith("TooDeep@", Cel.Error("x" + string.Concat(Enumerable.Repeat("[0]", 100))), StringComparison.Ordinal);
    }
}
