namespace Switchboard.Authentication.Config;

/// <summary>
/// Where the control plane must fetch a rule's key set: its <c>jwksUri</c>, or, when the rule gives neither <c>jwks</c>
/// nor <c>jwksUri</c>, the issuer's OpenID discovery document (<c>{issuer}/.well-known/openid-configuration</c>),
/// whose <c>jwks_uri</c> is then fetched (Istio's behaviour for an omitted key set).
/// </summary>
/// <param name="Uri">The URI to fetch first.</param>
/// <param name="IsDiscovery">True when <paramref name="Uri"/> is a discovery document, not a JWKS.</param>
/// <param name="Timeout">The rule's <c>timeout</c> (Istio's default 5 s).</param>
public sealed record JwksSource(string Uri, bool IsDiscovery, TimeSpan Timeout)
{
    /// <summary>Istio's default JWKS fetch timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
}

/// <summary>The outcome of fetching a key set: the JWKS text, or why there is none.</summary>
public sealed record JwksFetchResult(string? Jwks, string? Error)
{
    public static JwksFetchResult Ok(string jwks) => new(jwks, null);

    public static JwksFetchResult Failed(string error) => new(null, error);
}
