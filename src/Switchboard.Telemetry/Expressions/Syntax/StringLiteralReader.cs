using System.Text;

namespace Switchboard.Telemetry.Expressions.Syntax;

/// <summary>
/// Reads one string literal (cel-spec syntax.md, "String and Bytes Literals"): single or double quotes, tripled for
/// multi-line text, an <c>r</c> prefix for raw text, and the C-like escapes including <c>\x</c>, <c>\u</c>,
/// <c>\U</c> and three-digit octal.
/// </summary>
internal static class StringLiteralReader
{
    /// <summary>Reads the literal whose opening quote is at <paramref name="quoteAt"/>; <paramref name="start"/> includes any prefix.</summary>
    public static Token Read(string text, int start, int quoteAt, bool raw)
    {
        var quote = text[quoteAt];
        var triple = quoteAt + 2 < text.Length && text[quoteAt + 1] == quote && text[quoteAt + 2] == quote;
        var delimiter = triple ? new string(quote, 3) : quote.ToString();
        var builder = new StringBuilder();
        var i = quoteAt + delimiter.Length;
        while (true)
        {
            if (i >= text.Length) throw SyntaxError.At(text, start, "unterminated string literal");
            if (string.CompareOrdinal(text, i, delimiter, 0, delimiter.Length) == 0) break;
            var c = text[i];
            if (!triple && c is '\n' or '\r') throw SyntaxError.At(text, start, "unterminated string literal (use ''' or \"\"\" for multi-line text)");
            if (c != '\\' || raw)
            {
                builder.Append(c);
                i++;
                continue;
            }
            i = ReadEscape(text, i, builder);
        }
        return new Token(TokenKind.String, start, i + delimiter.Length, builder.ToString());
    }

    private static int ReadEscape(string text, int backslash, StringBuilder builder)
    {
        if (backslash + 1 >= text.Length) throw SyntaxError.At(text, backslash, "unterminated string literal");
        var c = text[backslash + 1];
        char? simple = c switch
        {
            'a' => '\a', 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', 'v' => '\v',
            '\\' => '\\', '\'' => '\'', '"' => '"', '`' => '`', '?' => '?',
            _ => null,
        };
        if (simple is { } s)
        {
            builder.Append(s);
            return backslash + 2;
        }
        var (digits, radix) = c switch
        {
            'x' or 'X' => (2, 16),
            'u' => (4, 16),
            'U' => (8, 16),
            >= '0' and <= '3' => (3, 8),
            _ => throw InvalidEscape(text, backslash),
        };
        var first = radix == 8 ? backslash + 1 : backslash + 2;
        if (first + digits > text.Length) throw InvalidEscape(text, backslash);
        var code = 0;
        for (var k = 0; k < digits; k++)
        {
            var digit = HexValue(text[first + k]);
            if (digit < 0 || digit >= radix) throw InvalidEscape(text, backslash);
            code = code * radix + digit;
        }
        // \u and \U name code points, so surrogate halves and values past U+10FFFF are not text.
        if (code > 0x10FFFF || (radix == 16 && digits > 2 && code is >= 0xD800 and <= 0xDFFF)) throw InvalidEscape(text, backslash);
        builder.Append(char.ConvertFromUtf32(code));
        return first + digits;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static ExpressionException InvalidEscape(string text, int backslash)
    {
        var end = Math.Min(text.Length, backslash + 2);
        return SyntaxError.At(text, backslash, $"invalid escape sequence '{text[backslash..end]}'", ExpressionErrorCode.InvalidLiteral);
    }
}
