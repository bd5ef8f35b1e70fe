using System.Buffers.Text;

namespace Switchboard.Authentication.Jwt;

/// <summary>
/// base64url without padding, strictly (RFC 7515 §2 and Appendix C): only <c>A–Z a–z 0–9 - _</c>, no <c>=</c>, no
/// whitespace, and canonical (the unused bits of the last character are zero). Canonical decoding means one token has
/// one spelling, so a signature cannot be "re-encoded" into a second string that still verifies.
/// </summary>
public static class Base64UrlStrict
{
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 == 1) return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_') return false;
        }
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }
        return Base64Url.EncodeToString(bytes).AsSpan().SequenceEqual(text);
    }

    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);
}
