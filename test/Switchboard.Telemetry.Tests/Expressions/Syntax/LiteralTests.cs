using Switchboard.Telemetry.Expressions.Syntax;

namespace Switchboard.Telemetry.Tests.Expressions.Syntax;

/// <summary>Literals (cel-spec syntax.md, "Lexical Rules"): numbers, quoting styles, raw strings and escapes.</summary>
public sealed class LiteralTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("0x1F", "31")]
    [InlineData("0x10u", "16u")]
    [InlineData("18446744073709551615u", "18446744073709551615u")]
    [InlineData("7U", "7u")]
    [InlineData("1.5e3", "1500.0")]
    [InlineData(".5", "0.5")]
    [InlineData("1e-3", "0.001")]
    [InlineData("2E+2", "200.0")]
    [InlineData("true", "true")]
    [InlineData("null", "null")]
    [InlineData("'single'", "\"single\"")]
    [InlineData("\"double\"", "\"double\"")]
    [InlineData("'it\\'s'", "\"it's\"")]
    [InlineData("\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\"")]
    [InlineData("'\\x41\\101\\u0042\\U00000043'", "\"AABC\"")]
    [InlineData("'tab\\there'", "\"tab\\there\"")]
    [InlineData("'\\a\\b\\f\\v\\?\\`'", "\"\\u0007\\u0008\\u000c\\u000b?`\"")]
    [InlineData("r'\\d+\\.'", "\"\\\\d+\\\\.\"")]
    [InlineData("R\"\\n\"", "\"\\\\n\"")]
    [InlineData("'''multi\nline'''", "\"multi\\nline\"")]
    [InlineData("\"\"\"has \" quote\"\"\"", "\"has \\\" quote\"")]
    [InlineData("'😀'", "\"😀\"")]
    [InlineData("'\\U0001F600'", "\"😀\"")]
    public void Reads(string text, string printed) => Assert.Equal(printed, AstPrinter.Print(Parser.Parse(text)));
}
