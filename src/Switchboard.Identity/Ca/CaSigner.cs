using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Svid;

namespace Switchboard.Identity.Ca;

/// <summary>
/// Signs a prepared certificate request with the mesh CA: adds the authority key identifier, a random serial,
/// and signs with the CA's key (ECDSA or RSA PKCS#1 v1.5). The caller decides names, extensions and validity.
/// </summary>
internal static class CaSigner
{
    public static X509Certificate2 Sign(MeshCa ca, CertificateRequest request, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var signer = ca.SigningCertificate;
        // RFC 5280 §4.2.1.1: the AKI lets validators pick the right issuer when names repeat (e.g. during a root rotation).
        if (signer.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault() is { } ski)
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski));
        using var ec = signer.GetECDsaPrivateKey();
        using var rsa = ec is null ? signer.GetRSAPrivateKey() : null;
        var generator = ec is not null
            ? X509SignatureGenerator.CreateForECDsa(ec)
            : X509SignatureGenerator.CreateForRSA(rsa!, RSASignaturePadding.Pkcs1);
        return request.Create(signer.SubjectName, generator, notBefore, notAfter, SerialNumber.Next());
    }

    /// <summary>Refuses to sign with a signer or intermediate outside its validity (Istio: signing with an expired CA is an error).</summary>
    public static void EnsureValid(MeshCa ca, DateTimeOffset now)
    {
        foreach (var c in ca.Intermediates.Prepend(ca.SigningCertificate))
        {
            if (now.UtcDateTime > c.NotAfter.ToUniversalTime() || now.UtcDateTime < c.NotBefore.ToUniversalTime())
                throw new IssuanceException(IssuanceFailure.CaNotValid,
                    $"CA certificate '{c.Subject}' is valid only from {c.NotBefore.ToUniversalTime():u} to {c.NotAfter.ToUniversalTime():u}; the CA must be replaced");
        }
    }
}
