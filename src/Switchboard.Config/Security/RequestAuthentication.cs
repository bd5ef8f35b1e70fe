using Switchboard.Config.Binding;

namespace Switchboard.Config.Security;

/// <summary>RequestAuthentication spec: which JWTs a workload accepts. reference/istio-api.md §2.3.</summary>
public sealed record RequestAuthenticationSpec
{
    public LabelSelector? Selector { get; init; }
    public IReadOnlyList<PolicyTargetReference> TargetRefs { get; init; } = [];

    [DeprecatedField("use targetRefs")]
    public PolicyTargetReference? TargetRef { get; init; }

    /// <summary>Up to 4096 rules; an invalid token is rejected, a missing one is accepted without identity.</summary>
    public IReadOnlyList<JwtRule> JwtRules { get; init; } = [];
}

/// <summary>How to find and verify the JWTs of one issuer.</summary>
public sealed record JwtRule
{
    [RequiredField]
    public string? Issuer { get; init; }

    /// <summary>Accepted <c>aud</c> values; empty accepts the service name.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>Where the JWKS is fetched from; exclusive with <see cref="Jwks"/>.</summary>
    public string? JwksUri { get; init; }

    /// <summary>An inline JWKS document.</summary>
    public string? Jwks { get; init; }

    public IReadOnlyList<JwtHeader> FromHeaders { get; init; } = [];
    public IReadOnlyList<string> FromParams { get; init; } = [];
    public IReadOnlyList<string> FromCookies { get; init; } = [];

    /// <summary>Header that receives the base64 payload of a verified token.</summary>
    public string? OutputPayloadToHeader { get; init; }

    /// <summary>Default false: the token is removed before forwarding.</summary>
    public bool? ForwardOriginalToken { get; init; }

    public IReadOnlyList<ClaimToHeader> OutputClaimToHeaders { get; init; } = [];

    /// <summary>JWKS fetch timeout (default 5s).</summary>
    public Types.Duration? Timeout { get; init; }

    /// <summary>Claims whose string value is a space-separated list (besides <c>scope</c> and <c>permission</c>).</summary>
    public IReadOnlyList<string> SpaceDelimitedClaims { get; init; } = [];
}

/// <summary>A header that carries the token, with an exact prefix such as <c>"Bearer "</c>.</summary>
public sealed record JwtHeader
{
    [RequiredField]
    public string? Name { get; init; }

    public string? Prefix { get; init; }
}

/// <summary>Copies a claim of a verified token into a request header.</summary>
public sealed record ClaimToHeader
{
    [RequiredField]
    public string? Header { get; init; }

    [RequiredField]
    public string? Claim { get; init; }
}
