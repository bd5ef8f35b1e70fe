using System.Security.Cryptography;
using Switchboard.Identity.Storage;

namespace Switchboard.Identity.Tokens;

/// <summary>
/// Constants and the signing key of bootstrap tokens: the credential a workload started by the local runtime
/// presents to the CA, standing in for the Kubernetes ServiceAccount token Istio's agent presents. The key is a
/// P-256 key in <c>token-key.pem</c>, kept like the CA key (0600, atomic create).
/// </summary>
public static class BootstrapTokens
{
    /// <summary>File name of the token signing key in the control plane's state directory.</summary>
    public const string KeyFile = "token-key.pem";

    /// <summary>The audience of tokens meant for the CA; Istio's agent asks Kubernetes for tokens with audience <c>istio-ca</c>.</summary>
    public const string CaAudience = "istio-ca";

    /// <summary>The <c>iss</c> claim of tokens this control plane mints.</summary>
    public const string Issuer = "switchboard";

    /// <summary>The only JWS algorithm accepted (RFC 7518 §3.4); everything else, including <c>none</c> and HS256, is refused.</summary>
    public const string Algorithm = "ES256";

    /// <summary>Upper bound on a token's lifetime: bootstrap tokens are short-lived by design.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    /// <summary>Loads <c>&lt;directory&gt;/token-key.pem</c>, creating it (0600) on first use.</summary>
    public static ECDsa LoadOrCreateKey(string directory) => EcKeyFile.LoadOrCreate(Path.Combine(directory, KeyFile), out _);
}
