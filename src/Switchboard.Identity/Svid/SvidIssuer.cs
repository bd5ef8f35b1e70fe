using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Ca;
using Switchboard.Identity.Spiffe;

namespace Switchboard.Identity.Svid;

/// <summary>
/// Issues X.509-SVIDs (https://github.com/spiffe/spiffe/blob/main/standards/X509-SVID.md) from CSRs, the way
/// Istio's CA does (security/pkg/server/ca/server.go), with one deliberate difference: Istio silently replaces the
/// names a CSR asks for with the caller's identity; this CA refuses a CSR that asks for any name other than the
/// caller's own SPIFFE ID (<see cref="IssuanceFailure.IdentityMismatch"/>), so a confused or malicious
/// requester learns at once instead of receiving a certificate it did not ask for. A CSR with no SAN is fine.
/// </summary>
public sealed class SvidIssuer(MeshCa ca, TimeProvider time)
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public MeshCa Ca => ca;

    /// <summary>Issues for a PEM CSR. <paramref name="requestedTtl"/> of zero or less means <see cref="SvidPolicy.DefaultTtl"/>.</summary>
    /// <exception cref="IssuanceException">The request is refused; <see cref="IssuanceException.Failure"/> says why.</exception>
    public IssuedSvid Issue(string csrPem, WorkloadIdentity caller, TimeSpan requestedTtl) =>
        Issue(CsrReader.ReadPem(csrPem), caller, requestedTtl);

    /// <summary>Issues for a DER CSR; otherwise as <see cref="Issue(string, WorkloadIdentity, TimeSpan)"/>.</summary>
    public IssuedSvid Issue(byte[] csrDer, WorkloadIdentity caller, TimeSpan requestedTtl) =>
        Issue(CsrReader.ReadDer(csrDer), caller, requestedTtl);

    private IssuedSvid Issue(ValidatedCsr csr, WorkloadIdentity caller, TimeSpan requestedTtl)
    {
        // 1. The identity comes from the authenticated caller, never from the CSR.
        var id = SpiffeId.Create(ca.TrustDomain, caller);
        var foreign = csr.RequestedNames.Where(n => n != "URI:" + id).ToList();
        if (foreign.Count > 0)
            throw new IssuanceException(IssuanceFailure.IdentityMismatch,
                $"the CSR asks for {string.Join(", ", foreign)}, but the caller is {id}; a CSR may ask only for the caller's own SPIFFE ID (or for no name)");

        // 2. Lifetime: default when unset, refused above the maximum (Istio errors rather than clamps).
        var ttl = requestedTtl <= TimeSpan.Zero ? SvidPolicy.DefaultTtl : requestedTtl;
        if (ttl > SvidPolicy.MaxTtl)
            throw new IssuanceException(IssuanceFailure.LifetimeTooLong, $"requested lifetime {ttl.TotalDays:0.##} days exceeds the maximum of {SvidPolicy.MaxTtl.TotalDays} days");
        var now = time.GetUtcNow();
        CaSigner.EnsureValid(ca, now);
        var notBefore = Max(now - SvidPolicy.Backdate, new DateTimeOffset(ca.SigningCertificate.NotBefore.ToUniversalTime()));
        // Never outlive the issuer: a leaf valid past its CA would fail validation before its own expiry.
        var notAfter = Min(now + ttl, ca.NotAfter);

        // 3. The certificate, X509-SVID §4 and §5.
        var request = new CertificateRequest(new X500DistinguishedName(""), csr.PublicKey, ca.SignatureHash);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(id.Uri);
        // §2: exactly one URI SAN. RFC 5280 §4.2.1.6: with an empty subject the SAN extension must be critical.
        request.CertificateExtensions.Add(san.Build(critical: true));
        // §4.1: leaf, cA=false.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        // §4.3: key usage critical, digitalSignature; keyEncipherment only where it means something (RSA key transport).
        var usage = csr.IsRsa ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        // §4.4: EKU, when present, holds both serverAuth and clientAuth (mTLS uses the same SVID both ways).
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth, ClientAuth], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(csr.PublicKey, false));
        var leaf = CaSigner.Sign(ca, request, notBefore, notAfter);
        return new IssuedSvid(id, leaf, [leaf.ExportCertificatePem(), .. ca.IssuerChainPem], ca.RootPem);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
