using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Svid;

namespace Switchboard.Identity.Ca;

/// <summary>
/// Makes the mesh root certificate for a key: self-signed, ECDSA P-256, Istio's 10-year lifetime, organisation =
/// trust domain (as Istio's self-signed root). The key is the root's identity; the certificate can be re-made from
/// it (Istio re-issues its root with the same key so existing leaves keep verifying).
/// </summary>
public static class SelfSignedRoot
{
    /// <summary>
    /// The root's notBefore is set this far back so that leaves issued right away, which are backdated by
    /// <see cref="SvidPolicy.Backdate"/>, still lie inside their issuer's validity.
    /// </summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromHours(1);

    public static X509Certificate2 Create(ECDsa key, string trustDomain, TimeSpan lifetime, TimeProvider time)
    {
        var subject = new X500DistinguishedName($"O={trustDomain}, CN=Switchboard Mesh Root CA");
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        // RFC 5280 §4.2.1.9: cA=true, critical. No pathLenConstraint, so an operator may later add intermediates.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        // RFC 5280 §4.2.1.3 and X509-SVID §4.3: a signing certificate sets keyCertSign (and cRLSign), critical.
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        var notBefore = now - Backdate;
        return request.Create(subject, X509SignatureGenerator.CreateForECDsa(key), notBefore, now + lifetime, SerialNumber.Next());
    }
}
