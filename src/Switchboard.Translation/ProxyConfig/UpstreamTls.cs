namespace Switchboard.Translation.ProxyConfig;

/// <summary>Client TLS modes toward an upstream, as a DestinationRule's <c>tls.mode</c> names them.</summary>
public enum UpstreamTlsMode { Disable, Simple, Mutual, IstioMutual }

/// <summary>
/// TLS the proxy uses toward a cluster's endpoints, from the resolved DestinationRule policy. Absent on a cluster
/// means no DestinationRule set it: Istio's auto mTLS applies (ISTIO_MUTUAL to endpoints that have a sidecar).
/// </summary>
public sealed record UpstreamTls
{
    public UpstreamTlsMode Mode { get; init; }
    public string? ClientCertificate { get; init; }
    public string? PrivateKey { get; init; }
    public string? CaCertificates { get; init; }
    public string? CredentialName { get; init; }
    public IReadOnlyList<string> SubjectAltNames { get; init; } = [];
    public string? Sni { get; init; }
    public bool InsecureSkipVerify { get; init; }
}
