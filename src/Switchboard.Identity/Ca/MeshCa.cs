using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Spiffe;

namespace Switchboard.Identity.Ca;

/// <summary>
/// The loaded mesh CA: the certificate (with its private key) that signs workload certificates, the
/// intermediates between it and the root, and the trust root(s). For a self-signed CA the signer is the root.
/// Made by <see cref="MeshCaStore"/>; immutable once made.
/// </summary>
public sealed class MeshCa : IDisposable
{
    internal MeshCa(CaSource source, string trustDomain, X509Certificate2 signer, IReadOnlyList<X509Certificate2> intermediates, X509Certificate2Collection roots)
    {
        if (!SpiffeId.IsValidTrustDomain(trustDomain))
            throw new ArgumentException($"trust domain '{trustDomain}' is not valid (SPIFFE-ID §2.1: lowercase a-z, 0-9, '.', '-', '_')", nameof(trustDomain));
        if (!signer.HasPrivateKey) throw new ArgumentException("the signing certificate has no private key", nameof(signer));
        Source = source;
        TrustDomain = trustDomain;
        SigningCertificate = signer;
        Intermediates = intermediates;
        Roots = roots;
        var selfIsRoot = roots.Any(r => r.RawDataMemory.Span.SequenceEqual(signer.RawDataMemory.Span));
        // What a leaf is sent with: every certificate between it and the root, the root itself excluded
        // (RFC 8446 §4.4.2: the trust anchor may be omitted; peers must already have it).
        IssuerChainPem = (selfIsRoot ? intermediates : [signer, .. intermediates]).Select(c => c.ExportCertificatePem()).ToList();
        RootPem = string.Join("\n", roots.Select(r => r.ExportCertificatePem())) + "\n";
        // The root that anchors the path counts too (found by name: the issuer of the topmost certificate).
        var top = intermediates.Count > 0 ? intermediates[^1] : signer;
        var anchors = roots.Where(r => r.SubjectName.RawData.AsSpan().SequenceEqual(top.IssuerName.RawData));
        NotAfter = new[] { signer }.Concat(intermediates).Concat(anchors).Select(c => new DateTimeOffset(c.NotAfter.ToUniversalTime())).Min();
    }

    public CaSource Source { get; }

    /// <summary>The trust domain SPIFFE IDs are issued in.</summary>
    public string TrustDomain { get; }

    /// <summary>The certificate, with private key, that signs leaves.</summary>
    public X509Certificate2 SigningCertificate { get; }

    /// <summary>Certificates above <see cref="SigningCertificate"/> and below the root, nearest first.</summary>
    public IReadOnlyList<X509Certificate2> Intermediates { get; }

    /// <summary>The trust root(s) proxies validate peers against.</summary>
    public X509Certificate2Collection Roots { get; }

    /// <summary>The PEM of <see cref="Roots"/>, what a proxy is given as its trust bundle.</summary>
    public string RootPem { get; }

    /// <summary>The PEM of the chain a leaf is sent with (signer unless it is the root, then intermediates).</summary>
    public IReadOnlyList<string> IssuerChainPem { get; }

    /// <summary>
    /// The certificates a TLS server with a certificate from this CA must send after its own (Kestrel:
    /// <c>HttpsConnectionAdapterOptions.ServerCertificateChain</c>); without them a plug-in CA's leaves do not
    /// chain for peers that hold only the root. A new collection each call; the caller owns it.
    /// </summary>
    public X509Certificate2Collection CreateIssuerChain() =>
        [.. IssuerChainPem.Select(pem => X509Certificate2.CreateFromPem(pem))];

    /// <summary>The earliest expiry of the signer, its intermediates and its root: no leaf may outlive it.</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>SHA-256 for P-256 and RSA keys, SHA-384 for P-384 (RFC 5480 §4: hash strength matching the curve).</summary>
    internal HashAlgorithmName SignatureHash =>
        SigningCertificate.GetECDsaPublicKey() is { } ec && ec.KeySize >= 384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    public void Dispose()
    {
        SigningCertificate.Dispose();
        foreach (var c in Intermediates) c.Dispose();
        foreach (var c in Roots) c.Dispose();
    }
}
