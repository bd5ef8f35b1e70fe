using System.Text;
using System.Text.Json;

namespace Switchboard.Authentication.Jwt;

/// <summary>
/// A token split and decoded but not yet trusted (RFC 7515 §5.2 steps 1–7, compact serialization only). Parsing never
/// throws: anything odd is a <see cref="JwtFailure"/>. JSON is read with duplicate names rejected (RFC 7515 §5.2 step 3
/// and RFC 7519 §4 allow either rejecting or last-wins; rejecting means no two parsers can disagree on a claim).
/// </summary>
public sealed class CompactJws
{
    private static readonly JsonDocumentOptions Json = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    private CompactJws(string algorithm, string? kid, JsonElement payload, string payloadSegment, byte[] signingInput, byte[] signature)
    {
        Algorithm = algorithm;
        Kid = kid;
        Payload = payload;
        PayloadSegment = payloadSegment;
        SigningInput = signingInput;
        Signature = signature;
    }

    /// <summary>The header's <c>alg</c>, as written (it may still be one that is not allowed).</summary>
    public string Algorithm { get; }

    /// <summary>The header's <c>kid</c>, if any.</summary>
    public string? Kid { get; }

    /// <summary>The claims object (a detached copy: no document to dispose).</summary>
    public JsonElement Payload { get; }

    /// <summary>The payload part exactly as in the token (base64url), for <c>outputPayloadToHeader</c>.</summary>
    public string PayloadSegment { get; }

    /// <summary>ASCII(header '.' payload): what the signature covers (RFC 7515 §5.2 step 8).</summary>
    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    /// <summary>The unverified <c>iss</c>, used only to pick the rule that will verify the token.</summary>
    public string? UnverifiedIssuer => Payload.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String ? iss.GetString() : null;

    public static bool TryParse(string token, int maxLength, out CompactJws? jws, out JwtFailure failure, out string detail)
    {
        jws = null;
        failure = JwtFailure.Malformed;
        detail = "";
        if (token.Length > maxLength)
        {
            (failure, detail) = (JwtFailure.TooLarge, $"token is {token.Length} characters; the limit is {maxLength}");
            return false;
        }
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            detail = $"{parts.Length} parts; a JWS has exactly 3";
            return false;
        }
        if (!Base64UrlStrict.TryDecode(parts[0], out var headerBytes) || !Base64UrlStrict.TryDecode(parts[1], out var payloadBytes)
            || !Base64UrlStrict.TryDecode(parts[2], out var signature))
        {
            detail = "a part is not canonical unpadded base64url";
            return false;
        }
        if (ParseObject(headerBytes) is not { } header)
        {
            (failure, detail) = (JwtFailure.InvalidHeader, "header is not a JSON object without duplicate names");
            return false;
        }
        if (!header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
            || (header.TryGetProperty("kid", out var kidElement) && kidElement.ValueKind != JsonValueKind.String))
        {
            (failure, detail) = (JwtFailure.InvalidHeader, "header needs a string \"alg\" (and \"kid\", if present, must be a string)");
            return false;
        }
        if (header.TryGetProperty("crit", out _))
        {
            (failure, detail) = (JwtFailure.UnsupportedCritical, "\"crit\" names extensions this verifier does not implement");
            return false;
        }
        if (ParseObject(payloadBytes) is not { } payload)
        {
            (failure, detail) = (JwtFailure.InvalidPayload, "payload is not a JSON object without duplicate names");
            return false;
        }
        var kid = header.TryGetProperty("kid", out var k) ? k.GetString() : null;
        var signingInput = Encoding.ASCII.GetBytes(token, 0, parts[0].Length + 1 + parts[1].Length);
        jws = new CompactJws(alg.GetString()!, kid, payload, parts[1], signingInput, signature);
        failure = JwtFailure.None;
        return true;
    }

    private static JsonElement? ParseObject(byte[] utf8)
    {
        // RFC 8259 §8.1 and RFC 7519 §7.2: the JSON is UTF-8; the reader would only notice bad bytes when a string is read.
        if (!System.Text.Unicode.Utf8.IsValid(utf8)) return null;
        try
        {
            using var doc = JsonDocument.Parse(utf8, Json);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
