using System.Collections.Frozen;

namespace Switchboard.Telemetry.Expressions.Syntax;

/// <summary>
/// Turns expression text into tokens on demand (the parser pulls one at a time, so the first error in reading order
/// is the one reported). Whitespace and <c>//</c> comments are skipped, as in cel-spec.
/// </summary>
internal sealed class Lexer(string text)
{
    // cel-spec reserves these so future versions can use them; they may not name anything.
    private static readonly FrozenSet<string> Reserved = new[]
    {
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package",
        "namespace", "return", "var", "void", "while",
    }.ToFrozenSet(StringComparer.Ordinal);

    private int _position;

    public Token Next()
    {
        SkipTrivia();
        var start = _position;
        if (start >= text.Length) return new Token(TokenKind.End, start, start);
        var c = text[start];
        if (char.IsAsciiDigit(c) || (c == '.' && start + 1 < text.Length && char.IsAsciiDigit(text[start + 1]))) return Advance(NumberLiteralReader.Read(text, start));
        if (c is '"' or '\'') return Advance(StringLiteralReader.Read(text, start, start, raw: false));
        if (char.IsAsciiLetter(c) || c == '_') return Advance(IdentifierOrPrefixedString(start));
        var (kind, length) = Punctuation(start);
        if (length == 0) throw SyntaxError.At(text, start, UnexpectedCharacter(c));
        _position = start + length;
        return new Token(kind, start, _position);
    }

    private Token Advance(Token token)
    {
        _position = token.End;
        return token;
    }

    private void SkipTrivia()
    {
        while (_position < text.Length)
        {
            var c = text[_position];
            if (c is ' ' or '\t' or '\n' or '\r' or '\f') _position++;
            else if (c == '/' && _position + 1 < text.Length && text[_position + 1] == '/')
            {
                while (_position < text.Length && text[_position] != '\n') _position++;
            }
            else return;
        }
    }

    private Token IdentifierOrPrefixedString(int start)
    {
        var i = start;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
        var name = text[start..i];
        if (i < text.Length && text[i] is '"' or '\'')
        {
            var prefix = name.ToLowerInvariant();
            if (prefix is "b" or "rb" or "br") throw SyntaxError.At(text, start, "bytes literals are not supported", ExpressionErrorCode.InvalidLiteral);
            if (prefix == "r") return StringLiteralReader.Read(text, start, i, raw: true);
        }
        if (Reserved.Contains(name)) throw SyntaxError.At(text, start, $"reserved word '{name}' cannot be used as a name");
        var kind = name switch
        {
            "true" => TokenKind.True,
            "false" => TokenKind.False,
            "null" => TokenKind.Null,
            "in" => TokenKind.In,
            _ => TokenKind.Identifier,
        };
        return new Token(kind, start, i, name);
    }

    private (TokenKind Kind, int Length) Punctuation(int at)
    {
        var next = at + 1 < text.Length ? text[at + 1] : '\0';
        return (text[at], next) switch
        {
            ('=', '=') => (TokenKind.EqualEqual, 2),
            ('!', '=') => (TokenKind.BangEqual, 2),
            ('<', '=') => (TokenKind.LessEqual, 2),
            ('>', '=') => (TokenKind.GreaterEqual, 2),
            ('&', '&') => (TokenKind.AmpersandAmpersand, 2),
            ('|', '|') => (TokenKind.PipePipe, 2),
            ('(', _) => (TokenKind.LeftParen, 1),
            (')', _) => (TokenKind.RightParen, 1),
            ('[', _) => (TokenKind.LeftBracket, 1),
            (']', _) => (TokenKind.RightBracket, 1),
            ('{', _) => (TokenKind.LeftBrace, 1),
            ('}', _) => (TokenKind.RightBrace, 1),
            ('.', _) => (TokenKind.Dot, 1),
            (',', _) => (TokenKind.Comma, 1),
            (':', _) => (TokenKind.Colon, 1),
            ('?', _) => (TokenKind.Question, 1),
            ('!', _) => (TokenKind.Bang, 1),
            ('-', _) => (TokenKind.Minus, 1),
            ('+', _) => (TokenKind.Plus, 1),
            ('*', _) => (TokenKind.Star, 1),
            ('/', _) => (TokenKind.Slash, 1),
            ('%', _) => (TokenKind.Percent, 1),
            ('<', _) => (TokenKind.Less, 1),
            ('>', _) => (TokenKind.Greater, 1),
            _ => (TokenKind.End, 0),
        };
    }

    private static string UnexpectedCharacter(char c) => c switch
    {
        '=' => "unexpected character '=' (use '==' to compare)",
        '&' => "unexpected character '&' (use '&&')",
        '|' => "unexpected character '|' (use '||')",
        _ when char.IsControl(c) || char.IsSurrogate(c) => $"unexpected character U+{(int)c:X4}",
        _ => $"unexpected character '{c}'",
    };
}
