namespace Switchboard.Telemetry.Expressions;

/// <summary>
/// One located problem in an expression. <see cref="Column"/> is 1-based within <see cref="Line"/> (also 1-based;
/// expressions from YAML block scalars can span lines) and counts UTF-16 code units.
/// </summary>
public sealed record ExpressionError(ExpressionErrorCode Code, string Message, int Offset, int Line, int Column)
{
    /// <summary>An error at a 0-based <paramref name="offset"/> into <paramref name="text"/>.</summary>
    public static ExpressionError At(string text, int offset, ExpressionErrorCode code, string message)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] != '\n') continue;
            line++;
            lineStart = i + 1;
        }
        return new ExpressionError(code, message, offset, line, offset - lineStart + 1);
    }

    /// <summary><c>unexpected token ')' at column 12</c>, or <c>… at line 2, column 3</c> for multi-line text.</summary>
    public override string ToString() => Line == 1 ? $"{Message} at column {Column}" : $"{Message} at line {Line}, column {Column}";
}
