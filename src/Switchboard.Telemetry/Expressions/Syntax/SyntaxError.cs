namespace Switchboard.Telemetry.Expressions.Syntax;

/// <summary>Builds the located <see cref="ExpressionException"/> the lexer and parser throw.</summary>
internal static class SyntaxError
{
    public static ExpressionException At(string text, int offset, string message, ExpressionErrorCode code = ExpressionErrorCode.Syntax) =>
        new(ExpressionError.At(text, offset, code, message));
}
