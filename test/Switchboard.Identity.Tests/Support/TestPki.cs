using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Identity.Tests.Support;

/// <summary>Builds CA certificates in memory, for plug-in files that are wrong in one specific way.</summary>
internal static class TestPki
{
    /// <summary>A CA (or, with <paramref name="isCa"/> false, a leaf) certificate with its key; self-signed when <paramref name="issuer"/> is null.</summary>
    public static X509Certificate2 Certificate(string cn, X509Certificate2? issuer, DateTimeOffset notBefore, DateTimeOffset notAfter, bool isCa = true)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={cn}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(isCa ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign : X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] &= 0x7F;
        if (issuer is null) return request.CreateSelfSigned(notBefore, notAfter);
        // Signed through a generator, so a child may outlive its issuer (the .NET overload taking the issuer forbids it).
        using var issuerKey = issuer.GetECDsaPrivateKey()!;
        using var issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A root, an intermediate and a signing CA, each valid for a year around <paramref name="now"/>.</summary>
    public static (X509Certificate2 Root, X509Certificate2 Intermediate, X509Certificate2 Signer) Hierarchy(DateTimeOffset now)
    {
        var root = Certificate("Test Root", null, now.AddDays(-1), now.AddYears(2));
        var intermediate = Certificate("Test Intermediate", root, now.AddDays(-1), now.AddYears(1));
        var signer = Certificate("Test Signing CA", intermediate, now.AddDays(-1), now.AddYears(1));
        return (root, intermediate, signer);
    }

    public static string Pem(params X509Certificate2[] certificates) => string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"));

    public static string KeyPem(X509Certificate2 certificate) => certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

    /// <summary>Writes Istio's four plug-in files into <paramref name="directory"/>.</summary>
    public static void WritePlugged(string directory, X509Certificate2 signer, string chainPem, X509Certificate2 root, string? keyPem = null)
    {
        File.WriteAllText(Path.Combine(directory, "ca-cert.pem"), Pem(signer));
        File.WriteAllText(Path.Combine(directory, "ca-key.pem"), keyPem ?? KeyPem(signer));
        File.WriteAllText(Path.Combine(directory, "cert-chain.pem"), chainPem);
        File.WriteAllText(Path.Combine(directory, "root-cert.pem"), Pem(root));
    }
}
