using Switchboard.Telemetry.Expressions.Syntax;

namespace Switchboard.Telemetry.Tests.Expressions.Syntax;

/// <summary>Precedence and associativity as cel-spec syntax.md gives them, stated as fully parenthesized prints.</summary>
public sealed class ParserPrecedenceTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "(1 + (2 * 3))")]
    [InlineData("1 * 2 + 3", "((1 * 2) + 3)")]
    [InlineData("1 - 2 - 3", "((1 - 2) - 3)")]
    [InlineData("8 / 4 / 2", "((8 / 4) / 2)")]
    [InlineData("x % 2 == 0", "((x % 2) == 0)")]
    [InlineData("(1 + 2) * 3", "((1 + 2) * 3)")]
    [InlineData("1 + 2 < 4", "((1 + 2) < 4)")]
    [InlineData("a < b == c", "((a < b) == c)")]
    [InlineData("a == b in c", "((a == b) in c)")]
    [InlineData("a in [1, 2] && b", "((a in [1, 2]) && b)")]
    [InlineData("a && b || c", "((a && b) || c)")]
    [InlineData("a || b && c", "(a || (b && c))")]
    [InlineData("a == 1 && b != 2 || !c", "(((a == 1) && (b != 2)) || !c)")]
    [InlineData("a || b ? c : d", "((a || b) ? c : d)")]
    [InlineData("a ? b : c ? d : e", "(a ? b : (c ? d : e))")]
    [InlineData("a ? (b ? c : d) : e", "(a ? (b ? c : d) : e)")]
    [InlineData("!a && b", "(!a && b)")]
    [InlineData("!a.b", "!a.b")]
    [InlineData("-a.b", "-a.b")]
    [InlineData("!!a", "a")]
    [InlineData("!!!a", "!a")]
    [InlineData("-1", "-1")]
    [InlineData("- 1", "-1")]
    [InlineData("--1", "--1")]
    [InlineData("1 - -1", "(1 - -1)")]
    [InlineData("-9223372036854775808", "-9223372036854775808")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("a.b.c", "a.b.c")]
    [InlineData(".a.b", "a.b")]
    [InlineData("a.b(c).d[0]", "a.b(c).d[0]")]
    [InlineData("a['x'].y", "a[\"x\"].y")]
    [InlineData("f(a, b,)", "f(a, b)")]
    [InlineData("f()", "f()")]
    [InlineData("[1, 2u, 3.0, 'x',]", "[1, 2u, 3.0, \"x\"]")]
    [InlineData("[]", "[]")]
    [InlineData("{'a': 1, 2: true}", "{\"a\": 1, 2: true}")]
    [InlineData("{}", "{}")]
    [InlineData("1 // one\n + 2", "(1 + 2)")]
    public void Prints_with_cel_precedence(string text, string printed) => Assert.Equal(printed, AstPrinter.Print(Parser.Parse(text)));

    [Fact]
    public void Logical_chains_are_balanced_so_long_ones_stay_shallow()
    {
        Assert.Equal("((a || b) || (c || d))", AstPrinter.Print(Parser.Parse("a || b || c || d")));
        var thousand = string.Join(" && ", Enumerable.Repeat("x", 1000));
        Assert.True(Parser.Parse(thousand).Height <= 11);
    }

    [Fact]
    public void Runs_of_prefix_operators_collapse()
    {
        Assert.Equal("true", AstPrinter.Print(Parser.Parse(new string('!', 10_000) + "true")));
        Assert.Equal("-x", AstPrinter.Print(Parser.Parse(new string('-', 10_001) + "x")));
    }
}
