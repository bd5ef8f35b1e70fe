namespace Switchboard.Authentication.Config;

/// <summary>
/// One JWT rule as the proxy receives it: Istio's <c>JWTRule</c> (reference/istio-api.md §2.3) with the key set already
/// resolved by the control plane, so the proxy never fetches anything. Immutable and source-generation friendly
/// (<see cref="AuthenticationJsonContext"/>).
/// </summary>
public sealed record JwtRuleConfig
{
    /// <summary>The <c>iss</c> a token must carry, compared exactly (RFC 7519 §4.1.1).</summary>
    public required string Issuer { get; init; }

    /// <summary>Accepted <c>aud</c> values; empty means the audience is not checked (see <see cref="Jwt.JwtValidator"/>).</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>The resolved JWKS (RFC 7517 §5): inline <c>jwks</c>, or what the control plane fetched from <c>jwksUri</c>.</summary>
    public string? JwksJson { get; init; }

    /// <summary>Why the key set could not be had; when set, every token of this issuer is rejected (fail closed).</summary>
    public string? JwksError { get; init; }

    /// <summary>Headers that carry the token; with no location at all, Istio's defaults apply.</summary>
    public IReadOnlyList<JwtHeaderLocation> FromHeaders { get; init; } = [];

    /// <summary>Query parameters that carry the token.</summary>
    public IReadOnlyList<string> FromParams { get; init; } = [];

    /// <summary>Cookies that carry the token.</summary>
    public IReadOnlyList<string> FromCookies { get; init; } = [];

    /// <summary>Keep the token header when forwarding (Istio's default: false, the header is removed).</summary>
    public bool ForwardOriginalToken { get; init; }

    /// <summary>Header that receives the verified payload, base64url as it was in the token.</summary>
    public string? OutputPayloadToHeader { get; init; }

    /// <summary>Claims copied into request headers after verification.</summary>
    public IReadOnlyList<ClaimToHeaderConfig> OutputClaimToHeaders { get; init; } = [];

    /// <summary>Allowed clock skew for <c>exp</c>/<c>nbf</c>/<c>iat</c>; null means Envoy's default of 60 seconds.</summary>
    public int? ClockSkewSeconds { get; init; }

    /// <summary>Claims whose string value is a space-separated list (for authorization; <c>scope</c>, <c>permission</c> always are).</summary>
    public IReadOnlyList<string> SpaceDelimitedClaims { get; init; } = [];
}

/// <summary>A header that carries a token after an exact <see cref="Prefix"/> such as <c>"Bearer "</c>.</summary>
public sealed record JwtHeaderLocation
{
    public required string Name { get; init; }

    public string? Prefix { get; init; }
}

/// <summary>Copies the claim <see cref="Claim"/> (nested with <c>.</c>) of a verified token into <see cref="Header"/>.</summary>
public sealed record ClaimToHeaderConfig
{
    public required string Header { get; init; }

    public required string Claim { get; init; }
}
