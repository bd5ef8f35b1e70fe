using System.Text;

namespace Switchboard.Authorization.Normalization;

/// <summary>
/// The single decoding pass of path normalization (reference §1.3, Istio's normalization reference):
/// <list type="bullet">
/// <item><c>%XX</c> of an unreserved character (RFC 3986 §2.3: letters, digits, <c>- . _ ~</c>) is decoded;</item>
/// <item>when decoding slashes (DECODE_AND_MERGE_SLASHES), <c>%2F</c> and <c>%5C</c> (either case) become <c>/</c>;</item>
/// <item>every other escape is kept exactly as written (<c>%2f</c> stays lowercase, <c>%25</c> stays, so <c>%252e</c>
/// is never decoded twice), and so is a <c>%</c> that does not start an escape (<c>%u00xx</c>);</item>
/// <item><c>\</c> becomes <c>/</c> (Envoy <c>normalize_path</c>).</item>
/// </list>
/// One deliberate addition: a decoded hex digit is not decoded when it would complete a new escape together with a
/// literal <c>%</c> just before it (<c>%2%66</c> would become <c>%2f</c>, and a second normalizing hop — the next
/// sidecar — would read <c>/</c>). Such escapes stay encoded, which keeps normalization idempotent.
/// </summary>
internal static class PercentDecoder
{
    public static string Decode(string path, bool decodeSlashes)
    {
        var output = new StringBuilder(path.Length);
        var literalPercentAt = -10;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\\')
            {
                output.Append('/');
                continue;
            }
            if (c != '%')
            {
                output.Append(c);
                continue;
            }
            if (i + 2 >= path.Length || !IsHex(path[i + 1]) || !IsHex(path[i + 2]))
            {
                literalPercentAt = output.Length;
                output.Append('%');
                continue;
            }
            var decoded = (char)((HexValue(path[i + 1]) << 4) | HexValue(path[i + 2]));
            var completesEscape = IsHex(decoded) && output.Length - literalPercentAt <= 2;
            if (decodeSlashes && decoded is '/' or '\\') output.Append('/');
            else if (IsUnreserved(decoded) && !completesEscape) output.Append(decoded);
            else output.Append(path, i, 3);
            i += 2;
        }
        return output.ToString();
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
