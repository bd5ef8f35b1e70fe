using System.Globalization;

namespace Switchboard.Telemetry.Expressions.Syntax;

/// <summary>
/// Reads one numeric literal (cel-spec syntax.md): decimal or <c>0x</c> hex ints, a <c>u</c> suffix for uint, and
/// doubles with a fraction (<c>1.5</c>, <c>.5</c>) or an exponent (<c>1e3</c>). <c>1.</c> is the int 1 and a dot.
/// </summary>
internal static class NumberLiteralReader
{
    private const ulong Int64Magnitude = 1UL << 63;

    public static Token Read(string text, int start)
    {
        var i = start;
        if (text[i] == '0' && i + 1 < text.Length && text[i + 1] is 'x' or 'X') return ReadHex(text, start);
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        var isDouble = false;
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            isDouble = true;
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-') j++;
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                isDouble = true;
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            }
        }
        if (isDouble)
        {
            var real = double.Parse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(real)) throw OutOfRange(text, start, "double");
            return new Token(TokenKind.Double, start, i, Real: real);
        }
        return Integer(text, start, i, 10);
    }

    private static Token ReadHex(string text, int start)
    {
        var i = start + 2;
        while (i < text.Length && char.IsAsciiHexDigit(text[i])) i++;
        if (i == start + 2) throw SyntaxError.At(text, start, "hex literal needs digits after '0x'", ExpressionErrorCode.InvalidLiteral);
        return Integer(text, start, i, 16);
    }

    private static Token Integer(string text, int start, int end, int radix)
    {
        var digits = text.AsSpan(radix == 16 ? start + 2 : start, end - start - (radix == 16 ? 2 : 0));
        var style = radix == 16 ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
        var fits = ulong.TryParse(digits, style, CultureInfo.InvariantCulture, out var magnitude);
        if (end < text.Length && text[end] is 'u' or 'U')
        {
            if (!fits) throw OutOfRange(text, start, "uint");
            return new Token(TokenKind.Uint, start, end + 1, Integer: magnitude);
        }
        // 2^63 itself is let through: only the parser knows whether a minus sign makes it int64's minimum.
        if (!fits || magnitude > Int64Magnitude) throw OutOfRange(text, start, "int");
        return new Token(TokenKind.Int, start, end, Integer: magnitude);
    }

    private static ExpressionException OutOfRange(string text, int start, string type) =>
        SyntaxError.At(text, start, $"{type} literal out of range", ExpressionErrorCode.InvalidLiteral);
}
