namespace Switchboard.Authentication.Jwt;

/// <summary>Why a token was rejected. Every failure is a 401; tests assert these codes, not the text.</summary>
public enum JwtFailure
{
    None,
    /// <summary>Longer than the validator's size limit.</summary>
    TooLarge,
    /// <summary>Not three base64url parts separated by dots (RFC 7515 §7.1), or not canonical base64url.</summary>
    Malformed,
    /// <summary>The JOSE header is not a JSON object, has duplicate names, or a mistyped <c>alg</c>/<c>kid</c>.</summary>
    InvalidHeader,
    /// <summary>The payload is not a JSON object, or a registered claim has the wrong type (RFC 7519 §4.1).</summary>
    InvalidPayload,
    /// <summary><c>alg</c> is <c>none</c>, HMAC or anything outside the allow-list (RFC 8725 §3.1).</summary>
    AlgorithmNotAllowed,
    /// <summary>The header has <c>crit</c>: no extension is understood, so the token must be rejected (RFC 7515 §4.1.11).</summary>
    UnsupportedCritical,
    /// <summary>No rule accepts the token's <c>iss</c> at the place it was found.</summary>
    UnknownIssuer,
    /// <summary>The rule's key set could not be fetched or parsed (fail closed).</summary>
    JwksUnavailable,
    /// <summary>No key matches the token's <c>kid</c> and <c>alg</c>.</summary>
    KeyNotFound,
    /// <summary>No candidate key verifies the signature.</summary>
    SignatureInvalid,
    /// <summary><c>exp</c> is past, beyond the clock skew (RFC 7519 §4.1.4).</summary>
    Expired,
    /// <summary><c>nbf</c> is in the future, beyond the clock skew (RFC 7519 §4.1.5).</summary>
    NotYetValid,
    /// <summary><c>iat</c> is in the future, beyond the clock skew (RFC 7519 §4.1.6).</summary>
    IssuedInFuture,
    /// <summary>No <c>aud</c> value is among the rule's audiences (RFC 7519 §4.1.3).</summary>
    AudienceNotAllowed,
}

/// <summary>The 401 body for each failure: Envoy jwt_authn's wording where it has one, so clients see what they saw under Istio.</summary>
public static class JwtFailureText
{
    public static string ResponseBody(this JwtFailure failure) => failure switch
    {
        JwtFailure.None => "",
        JwtFailure.TooLarge or JwtFailure.Malformed => "Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections",
        JwtFailure.InvalidHeader => "Jwt header is an invalid JSON",
        JwtFailure.InvalidPayload => "Jwt payload is an invalid JSON",
        JwtFailure.AlgorithmNotAllowed => "Jwt algorithm is not supported",
        JwtFailure.UnsupportedCritical => "Jwt header has unsupported critical parameters",
        JwtFailure.UnknownIssuer => "Jwt issuer is not configured",
        JwtFailure.JwksUnavailable => "Jwks remote fetch is failed",
        JwtFailure.KeyNotFound => "Jwks doesn't have key to match kid or alg from Jwt",
        JwtFailure.SignatureInvalid => "Jwt verification fails",
        JwtFailure.Expired => "Jwt is expired",
        JwtFailure.NotYetValid or JwtFailure.IssuedInFuture => "Jwt not yet valid",
        JwtFailure.AudienceNotAllowed => "Audiences in Jwt are not allowed",
        _ => "Jwt verification fails",
    };
}
