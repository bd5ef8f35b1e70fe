using Switchboard.Telemetry.Tests.TestSupport;

namespace Switchboard.Telemetry.Tests.Expressions.Evaluation;

/// <summary>
/// cel-spec langdef.md, "Logical Operators": <c>&amp;&amp;</c> and <c>||</c> are commutative and absorb errors when the
/// other side decides the result; every other operator passes an error through. <c>request.host</c> is absent here.
/// </summary>
public sealed class ErrorAbsorptionTests
{
    [Theory]
    [InlineData("request.host == 'a' && false", "false")]
    [InlineData("false && request.host == 'a'", "false")]
    [InlineData("request.host == 'a' && true", "error(NoSuchAttribute)")]
    [InlineData("true && request.host == 'a'", "error(NoSuchAttribute)")]
    [InlineData("request.host == 'a' || true", "true")]
    [InlineData("true || request.host == 'a'", "true")]
    [InlineData("request.host == 'a' || false", "error(NoSuchAttribute)")]
    [InlineData("false || request.host == 'a'", "error(NoSuchAttribute)")]
    [InlineData("request.host == 'a' && response.code == 1", "error(NoSuchAttribute)")]
    [InlineData("dyn(1) && false", "false")]
    [InlineData("false && dyn(1)", "false")]
    [InlineData("dyn(1) && true", "error(NoMatchingOverload)")]
    [InlineData("dyn('x') || true", "true")]
    [InlineData("dyn('x') || false", "error(NoMatchingOverload)")]
    [InlineData("dyn('x') || request.host == 'a'", "error(NoSuchAttribute)")]
    [InlineData("request.host == 'a' ? 1 : 2", "error(NoSuchAttribute)")]
    [InlineData("true ? 1 : request.host", "1")]
    [InlineData("!(request.host == 'a')", "error(NoSuchAttribute)")]
    [InlineData("request.host + 'x' == 'x'", "error(NoSuchAttribute)")]
    [InlineData("size(request.host) > 0", "error(NoSuchAttribute)")]
    [InlineData("request.host.startsWith('a')", "error(NoSuchAttribute)")]
    [InlineData("'a'.startsWith(request.host)", "error(NoSuchAttribute)")]
    [InlineData("request.host in ['a']", "error(NoSuchAttribute)")]
    [InlineData("[request.host]", "error(NoSuchAttribute)")]
    [InlineData("string(request.host)", "error(NoSuchAttribute)")]
    public void Errors(string text, string result) => Assert.Equal(result, Cel.Eval(text));
}
