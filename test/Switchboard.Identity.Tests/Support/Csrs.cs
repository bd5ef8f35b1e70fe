using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Identity.Tests.Support;

/// <summary>PKCS#10 requests as a proxy (or an attacker) would send them.</summary>
internal static class Csrs
{
    public static string Ec(ECCurve? curve = null, params string[] uriSans)
    {
        using var key = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
        return For(key, HashAlgorithmName.SHA256, uriSans);
    }

    public static string Rsa(int bits, params string[] uriSans)
    {
        using var key = RSA.Create(bits);
        return For(key, HashAlgorithmName.SHA256, uriSans);
    }

    public static string For(AsymmetricAlgorithm key, HashAlgorithmName hash, string[] uriSans, string[]? dnsSans = null)
    {
        var request = key switch
        {
            ECDsa ec => new CertificateRequest("CN=workload", ec, hash),
            RSA rsa => new CertificateRequest("CN=workload", rsa, hash, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("EC or RSA", nameof(key)),
        };
        if (uriSans.Length > 0 || dnsSans is { Length: > 0 })
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var uri in uriSans) san.AddUri(new Uri(uri));
            foreach (var dns in dnsSans ?? []) san.AddDnsName(dns);
            request.CertificateExtensions.Add(san.Build());
        }
        return request.CreateSigningRequestPem();
    }

    /// <summary>A well-formed CSR for one key whose signature was made by another: proof of possession fails.</summary>
    public static string WithForeignSignature()
    {
        using var claimed = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=workload"), new PublicKey(claimed), HashAlgorithmName.SHA256);
        return PemEncoding.WriteString("CERTIFICATE REQUEST", request.CreateSigningRequest(X509SignatureGenerator.CreateForECDsa(signer)));
    }
}
