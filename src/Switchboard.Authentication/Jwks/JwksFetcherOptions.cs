namespace Switchboard.Authentication.Jwks;

/// <summary>How the control plane fetches remote key sets (<c>jwksUri</c>, OpenID discovery).</summary>
public sealed record JwksFetcherOptions
{
    /// <summary>
    /// Allow loopback, link-local, unspecified and cloud-metadata addresses, and plain <c>http</c>. Off by default: a
    /// <c>jwksUri</c> is written by anyone who may create a RequestAuthentication, and without this guard it is a
    /// request the control plane makes on their behalf (SSRF; Istio's <c>BLOCKED_CIDRS_IN_JWKS_URIS</c>, IST0175).
    /// For tests and single-machine setups only.
    /// </summary>
    public bool AllowPrivate { get; init; }

    /// <summary>Fetch timeout when the rule does not set one (Istio's default 5 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest accepted response body; real key sets are a few KiB.</summary>
    public int MaxResponseBytes { get; init; } = 256 * 1024;
}
