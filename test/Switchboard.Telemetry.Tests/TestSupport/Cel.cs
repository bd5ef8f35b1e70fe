using Switchboard.Telemetry.Expressions;

namespace Switchboard.Telemetry.Tests.TestSupport;

/// <summary>Shorthands: evaluate to CEL literal text, or parse expecting one error.</summary>
internal static class Cel
{
    /// <summary>The result in CEL literal syntax, e.g. <c>true</c>, <c>"a"</c>, <c>error(NoSuchAttribute)</c>.</summary>
    public static string Eval(string text, TestAttributes? attributes = null) =>
        CelExpression.Parse(text).Evaluate(attributes ?? TestAttributes.Empty).ToString();

    /// <summary>The errors of an expression that must not parse.</summary>
    public static IReadOnlyList<ExpressionError> Errors(string text, CelType expected = CelType.Dyn)
    {
        Assert.False(CelExpression.TryParse(text, expected, out _, out var errors), $"'{text}' parsed");
        Assert.NotEmpty(errors);
        return errors;
    }

    /// <summary>The only or first error, as <c>Code@column</c>, which is what tests assert (not message text).</summary>
    public static string Error(string text, CelType expected = CelType.Dyn)
    {
        var error = Errors(text, expected)[0];
        return $"{error.Code}@{error.Column}";
    }
}
