namespace Switchboard.Config.Networking;

/// <summary>Client-side TLS modes for upstream connections.</summary>
public enum ClientTlsMode { Disable, Simple, Mutual, IstioMutual }

/// <summary>TLS settings for connections to an upstream. ISTIO_MUTUAL requires every other field empty.</summary>
public sealed record ClientTlsSettings
{
    public ClientTlsMode? Mode { get; init; }

    /// <summary>Required for MUTUAL unless <see cref="CredentialName"/> is set.</summary>
    public string? ClientCertificate { get; init; }

    /// <summary>Required for MUTUAL unless <see cref="CredentialName"/> is set.</summary>
    public string? PrivateKey { get; init; }

    /// <summary>Omitted: the OS CA bundle is used.</summary>
    public string? CaCertificates { get; init; }

    /// <summary>A Secret holding key, certificate and CA (sidecars only with a workloadSelector).</summary>
    public string? CredentialName { get; init; }

    public IReadOnlyList<string> SubjectAltNames { get; init; } = [];
    public string? Sni { get; init; }
    public bool? InsecureSkipVerify { get; init; }
    public string? CaCrl { get; init; }
}
