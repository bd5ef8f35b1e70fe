using Switchboard.Config.Binding;

namespace Switchboard.Config.Networking;

/// <summary>Server-side TLS modes.</summary>
public enum ServerTlsMode { Passthrough, Simple, Mutual, AutoPassthrough, IstioMutual, OptionalMutual }

/// <summary>TLS protocol versions a server accepts.</summary>
public enum TlsProtocolVersion
{
    TlsAuto,
    [WireName("TLSV1_0")] Tlsv10,
    [WireName("TLSV1_1")] Tlsv11,
    [WireName("TLSV1_2")] Tlsv12,
    [WireName("TLSV1_3")] Tlsv13,
}

/// <summary>TLS settings of a gateway server or Sidecar ingress listener. reference/istio-api.md §1.3.</summary>
public sealed record ServerTlsSettings
{
    /// <summary>Answers plain HTTP with a 301 to HTTPS.</summary>
    public bool? HttpsRedirect { get; init; }

    public ServerTlsMode? Mode { get; init; }
    public string? ServerCertificate { get; init; }
    public string? PrivateKey { get; init; }
    public string? CaCertificates { get; init; }
    public string? CaCrl { get; init; }

    /// <summary>A Secret holding key and certificate (and CA for MUTUAL).</summary>
    public string? CredentialName { get; init; }

    /// <summary>Up to two Secrets (e.g. RSA and ECDSA).</summary>
    public IReadOnlyList<string> CredentialNames { get; init; } = [];

    /// <summary>A Secret or ConfigMap holding only the client CA for MUTUAL.</summary>
    public string? CaCertCredentialName { get; init; }

    /// <summary>Up to two inline certificate file sets.</summary>
    public IReadOnlyList<TlsCertificate> TlsCertificates { get; init; } = [];

    public IReadOnlyList<string> SubjectAltNames { get; init; } = [];
    public IReadOnlyList<string> VerifyCertificateSpki { get; init; } = [];
    public IReadOnlyList<string> VerifyCertificateHash { get; init; } = [];

    /// <summary>Default TLSV1_2.</summary>
    public TlsProtocolVersion? MinProtocolVersion { get; init; }

    public TlsProtocolVersion? MaxProtocolVersion { get; init; }
    public IReadOnlyList<string> CipherSuites { get; init; } = [];
    public bool? InsecureSkipVerify { get; init; }
}

/// <summary>One certificate (and key, CA) by file path.</summary>
public sealed record TlsCertificate
{
    public string? ServerCertificate { get; init; }
    public string? PrivateKey { get; init; }
    public string? CaCertificates { get; init; }
}
