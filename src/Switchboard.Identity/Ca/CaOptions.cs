using Switchboard.Identity.Spiffe;

namespace Switchboard.Identity.Ca;

/// <summary>
/// Where the mesh CA keeps its files and which trust domain it issues for. The directory holds either Istio's
/// plug-in files (<see cref="CaFiles.PluggedCert"/> and friends, as mounted from the <c>cacerts</c> secret) or
/// the self-signed root this CA made on its first start.
/// </summary>
public sealed record CaOptions(string Directory)
{
    /// <summary>MeshConfig <c>trustDomain</c>; Istio's default is <c>cluster.local</c>.</summary>
    public string TrustDomain { get; init; } = SpiffeId.DefaultTrustDomain;

    /// <summary>Istio's <c>CITADEL_SELF_SIGNED_CA_CERT_TTL</c>: 10 years.</summary>
    public TimeSpan RootLifetime { get; init; } = TimeSpan.FromDays(3650);
}

/// <summary>The file names in a CA directory: Istio's for the plug-in CA, and two of ours for the self-signed root.</summary>
public static class CaFiles
{
    /// <summary>Plug-in: the (intermediate) CA certificate that signs workload certificates.</summary>
    public const string PluggedCert = "ca-cert.pem";

    /// <summary>Plug-in: the private key of <see cref="PluggedCert"/>.</summary>
    public const string PluggedKey = "ca-key.pem";

    /// <summary>Plug-in: the chain from <see cref="PluggedCert"/> up to the root (may include both ends; they are skipped).</summary>
    public const string PluggedChain = "cert-chain.pem";

    /// <summary>Both modes: the trust root(s) proxies are given; several during a root rotation.</summary>
    public const string Root = "root-cert.pem";

    /// <summary>Self-signed: the root's private key, 0600.</summary>
    public const string RootKey = "root-key.pem";
}
