using System.Buffers.Text;

namespace Switchboard.Identity.Tokens;

/// <summary>
/// base64url without padding (RFC 7515 §2, RFC 4648 §5), decoded strictly: only the URL alphabet, and only the
/// canonical encoding (no whitespace, no padding, no stray trailing bits), so one token has one spelling.
/// </summary>
internal static class Base64UrlStrict
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        foreach (var c in text)
            if (c is not (>= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_')) return false;
        if (text.Length % 4 == 1) return false;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }
        return Encode(bytes) == text;
    }
}
