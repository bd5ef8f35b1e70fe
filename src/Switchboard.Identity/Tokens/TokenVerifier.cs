using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchboard.Identity.Spiffe;

namespace Switchboard.Identity.Tokens;

/// <summary>
/// Verifies bootstrap tokens. Order matters (RFC 8725, JWT best practices):
/// <list type="number">
/// <item>shape: three strict base64url segments, at most 8 KiB;</item>
/// <item>header: <c>alg</c> must be exactly ES256, chosen by us, never by the token (§3.1: no <c>none</c>, no HS256 keyed with the public key), no <c>crit</c>;</item>
/// <item>signature: P-256 r||s over the first two segments, with our key; nothing in the payload is read before this;</item>
/// <item>claims: issuer and audience, <c>exp</c> and <c>iat</c> with <see cref="Skew"/> tolerance, and a valid namespace and service account.</item>
/// </list>
/// </summary>
public sealed class TokenVerifier(ECDsa publicKey, TimeProvider time, string audience = BootstrapTokens.CaAudience)
{
    private const int MaxTokenLength = 8192;

    private readonly ECDsa _key = publicKey.KeySize == 256 ? publicKey : throw new ArgumentException("ES256 needs a P-256 key", nameof(publicKey));

    /// <summary>Clock difference tolerated between the minting control plane and this verifier.</summary>
    public TimeSpan Skew { get; init; } = TimeSpan.FromSeconds(30);

    public TokenVerification Verify(string? token)
    {
        if (string.IsNullOrEmpty(token)) return TokenVerification.Fail(TokenFailure.Malformed, "no token");
        if (token.Length > MaxTokenLength) return TokenVerification.Fail(TokenFailure.Malformed, "token longer than 8 KiB");
        var parts = token.Split('.');
        if (parts.Length != 3 || !Base64UrlStrict.TryDecode(parts[0], out var header) || !Base64UrlStrict.TryDecode(parts[1], out var payload)
            || !Base64UrlStrict.TryDecode(parts[2], out var signature))
            return TokenVerification.Fail(TokenFailure.Malformed, "not a compact JWS (three base64url segments)");
        try
        {
            using var h = JsonDocument.Parse(header);
            if (h.RootElement.ValueKind != JsonValueKind.Object || !h.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
                return TokenVerification.Fail(TokenFailure.Malformed, "header has no alg");
            if (alg.GetString() != BootstrapTokens.Algorithm)
                return TokenVerification.Fail(TokenFailure.UnsupportedAlgorithm, $"alg '{alg.GetString()}' is not accepted; only {BootstrapTokens.Algorithm}");
            if (h.RootElement.TryGetProperty("crit", out _))
                return TokenVerification.Fail(TokenFailure.UnsupportedAlgorithm, "critical header extensions are not supported");

            var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (signature.Length != 64 || !_key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
                return TokenVerification.Fail(TokenFailure.BadSignature, "signature does not verify with the control plane's token key");

            using var p = JsonDocument.Parse(payload);
            return CheckClaims(p.RootElement);
        }
        catch (JsonException)
        {
            return TokenVerification.Fail(TokenFailure.Malformed, "header or payload is not JSON");
        }
    }

    private TokenVerification CheckClaims(JsonElement claims)
    {
        if (claims.ValueKind != JsonValueKind.Object
            || Text(claims, "iss") is not { } iss || Text(claims, "aud") is not { } aud
            || Number(claims, "exp") is not { } exp || Number(claims, "iat") is not { } iat
            || Text(claims, "ns") is not { } ns || Text(claims, "sa") is not { } sa || Text(claims, "pod") is not { } pod)
            return TokenVerification.Fail(TokenFailure.Malformed, "claims iss, aud, iat, exp, ns, sa and pod are required");
        if (iss != BootstrapTokens.Issuer || aud != audience)
            return TokenVerification.Fail(TokenFailure.WrongAudience, $"token is for audience '{aud}' from issuer '{iss}'; expected '{audience}' from '{BootstrapTokens.Issuer}'");
        var now = time.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
        var issued = DateTimeOffset.FromUnixTimeSeconds(iat);
        if (now > expires + Skew) return TokenVerification.Fail(TokenFailure.Expired, $"token expired at {expires:u}");
        if (issued > now + Skew) return TokenVerification.Fail(TokenFailure.NotYetValid, $"token issued in the future ({issued:u})");
        if (!SpiffeId.IsValidSegment(ns) || !SpiffeId.IsValidSegment(sa))
            return TokenVerification.Fail(TokenFailure.Malformed, "namespace or service account is not a valid SPIFFE path segment");
        var jti = Text(claims, "jti") ?? "";
        return new TokenVerification(new BootstrapClaims(new WorkloadIdentity(ns, sa), pod, aud, issued, expires, jti), TokenFailure.None, "");
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Number(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)
        && n is >= 0 and <= 253402300799 ? n : null; // DateTimeOffset's range ends in year 9999
}
