using System.Text.Json;

namespace Switchboard.Authentication.Jwt;

/// <summary>
/// Verifies one token against one rule. Pure apart from the clock (<see cref="TimeProvider"/>), never throws on input.
/// <code>
///   parse (3 parts, strict base64url, JSON objects) ─► alg allow-list ─► iss = rule issuer ─► key set present
///   ─► key by kid (or every key fitting alg) ─► signature ─► exp / nbf / iat (± skew) ─► aud ∩ audiences
/// </code>
/// The signature is checked before any time or audience claim, so a forged token only ever learns "verification fails".
/// </summary>
public sealed class JwtValidator(TimeProvider time, int maxTokenLength = JwtValidator.DefaultMaxTokenLength)
{
    /// <summary>16 KiB: far above real tokens, far below what would make parsing costly.</summary>
    public const int DefaultMaxTokenLength = 16 * 1024;

    public int MaxTokenLength { get; } = maxTokenLength;

    /// <summary>Parses and verifies <paramref name="token"/>.</summary>
    public JwtValidationResult Validate(string token, CompiledJwtRule rule) =>
        CompactJws.TryParse(token, MaxTokenLength, out var jws, out var failure, out var detail)
            ? Validate(jws!, rule)
            : JwtValidationResult.Fail(failure, detail);

    /// <summary>Verifies an already parsed token (the authenticator parses once to find the issuer).</summary>
    public JwtValidationResult Validate(CompactJws jws, CompiledJwtRule rule)
    {
        if (JwsAlgorithm.Find(jws.Algorithm) is not { } algorithm)
        {
            return JwtValidationResult.Fail(JwtFailure.AlgorithmNotAllowed, $"alg \"{jws.Algorithm}\" is not one of {string.Join(", ", JwsAlgorithm.Names)}");
        }
        var claims = jws.Payload;
        if (!TryString(claims, "iss", out var issuer) || !TryString(claims, "sub", out var subject) || !TryString(claims, "azp", out var presenter))
        {
            return JwtValidationResult.Fail(JwtFailure.InvalidPayload, "\"iss\", \"sub\" and \"azp\" must be strings when present");
        }
        if (issuer != rule.Config.Issuer) return JwtValidationResult.Fail(JwtFailure.UnknownIssuer, $"iss \"{issuer}\" is not \"{rule.Config.Issuer}\"");
        if (rule.Keys is not { } keys) return JwtValidationResult.Fail(JwtFailure.JwksUnavailable, rule.KeysError ?? "no JWKS");

        // RFC 7515 §4.1.4: a kid names the key; without one, any key that fits the algorithm may have signed.
        var candidates = keys.Keys.Where(k => (jws.Kid is null || k.Kid == jws.Kid) && k.Supports(algorithm)).ToList();
        if (candidates.Count == 0) return JwtValidationResult.Fail(JwtFailure.KeyNotFound, $"no {algorithm.KeyType} key for kid \"{jws.Kid}\" and alg {algorithm.Name}");
        if (!candidates.Any(k => k.Verify(algorithm, jws.SigningInput, jws.Signature)))
        {
            return JwtValidationResult.Fail(JwtFailure.SignatureInvalid, "signature does not verify");
        }

        if (CheckTimes(claims, rule.ClockSkew) is { } timeFailure) return timeFailure;
        if (!TryAudiences(claims, out var audiences)) return JwtValidationResult.Fail(JwtFailure.InvalidPayload, "\"aud\" must be a string or an array of strings");
        // Istio: "A JWT containing any of these audiences will be accepted"; with none configured Istio passes no
        // audiences to Envoy, which then does not check aud at all (so the service name, and any other, is accepted).
        if (rule.Config.Audiences.Count > 0 && !audiences.Any(rule.Config.Audiences.Contains))
        {
            return JwtValidationResult.Fail(JwtFailure.AudienceNotAllowed, $"aud [{string.Join(", ", audiences)}] has none of [{string.Join(", ", rule.Config.Audiences)}]");
        }
        return JwtValidationResult.Valid(new ValidatedJwt
        {
            Issuer = issuer!,
            Subject = subject ?? "",
            Audiences = audiences,
            Presenter = presenter,
            Claims = claims,
            PayloadSegment = jws.PayloadSegment,
        });
    }

    /// <summary>
    /// RFC 7519 §4.1.4–4.1.6 with a leeway: <c>exp</c> and <c>nbf</c> only when present (Envoy/Istio do not require
    /// <c>exp</c>); an <c>iat</c> beyond the skew in the future is rejected too, as a token cannot be issued later than now.
    /// </summary>
    private JwtValidationResult? CheckTimes(JsonElement claims, TimeSpan skew)
    {
        if (!TryNumericDate(claims, "exp", out var exp) || !TryNumericDate(claims, "nbf", out var nbf) || !TryNumericDate(claims, "iat", out var iat))
        {
            return JwtValidationResult.Fail(JwtFailure.InvalidPayload, "\"exp\", \"nbf\" and \"iat\" must be NumericDate numbers");
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var leeway = skew.TotalSeconds;
        if (exp is { } e && now > e + leeway) return JwtValidationResult.Fail(JwtFailure.Expired, $"exp {e} is before now {now:F0}");
        if (nbf is { } n && now + leeway < n) return JwtValidationResult.Fail(JwtFailure.NotYetValid, $"nbf {n} is after now {now:F0}");
        if (iat is { } i && now + leeway < i) return JwtValidationResult.Fail(JwtFailure.IssuedInFuture, $"iat {i} is after now {now:F0}");
        return null;
    }

    private static bool TryString(JsonElement claims, string name, out string? value)
    {
        value = null;
        if (!claims.TryGetProperty(name, out var v)) return true;
        if (v.ValueKind != JsonValueKind.String) return false;
        value = v.GetString();
        return true;
    }

    private static bool TryNumericDate(JsonElement claims, string name, out double? value)
    {
        value = null;
        if (!claims.TryGetProperty(name, out var v)) return true;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d)) return false;
        value = d;
        return true;
    }

    private static bool TryAudiences(JsonElement claims, out IReadOnlyList<string> audiences)
    {
        audiences = [];
        if (!claims.TryGetProperty("aud", out var aud)) return true;
        if (aud.ValueKind == JsonValueKind.String)
        {
            audiences = [aud.GetString()!];
            return true;
        }
        if (aud.ValueKind != JsonValueKind.Array || aud.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String)) return false;
        audiences = aud.EnumerateArray().Select(a => a.GetString()!).ToList();
        return true;
    }
}
