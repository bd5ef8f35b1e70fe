namespace Switchboard.Telemetry.Expressions.Syntax;

/// <summary>
/// One token: its span in the source and, for literals, the decoded value. <see cref="Integer"/> holds an int
/// literal's magnitude unsigned, because only the parser knows whether a minus makes <c>9223372036854775808</c> fit.
/// </summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End, string Text = "", ulong Integer = 0, double Real = 0)
{
    /// <summary>How an error message shows the token: its source text, or "end of expression".</summary>
    public string Display(string source)
    {
        if (Kind == TokenKind.End) return "end of expression";
        var text = source[Start..End];
        return text.Length <= 24 ? $"'{text}'" : $"'{text[..21]}...'";
    }
}
