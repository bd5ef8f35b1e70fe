using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Storage;

namespace Switchboard.Identity.Ca;

/// <summary>Reads CA certificates and keys from PEM files, with errors that name the file and what is wrong with it.</summary>
internal static class CaPem
{
    public static X509Certificate2Collection ReadCertificates(string path)
    {
        if (!File.Exists(path)) throw new IdentityFileException(path, "is missing");
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (CryptographicException e)
        {
            throw new IdentityFileException(path, "holds a certificate that cannot be parsed: " + e.Message, e);
        }
        if (certificates.Count == 0) throw new IdentityFileException(path, "holds no PEM CERTIFICATE block");
        return certificates;
    }

    /// <summary>Loads the private key for <paramref name="certificate"/> (PKCS#8, SEC1 or PKCS#1 PEM) and pairs them.</summary>
    public static X509Certificate2 ReadKeyFor(X509Certificate2 certificate, string keyPath, string certPath)
    {
        if (!File.Exists(keyPath)) throw new IdentityFileException(keyPath, "is missing");
        var pem = File.ReadAllText(keyPath);
        try
        {
            switch (certificate.GetKeyAlgorithm())
            {
                case "1.2.840.10045.2.1": // id-ecPublicKey
                    using (var ec = ECDsa.Create())
                    {
                        ec.ImportFromPem(pem);
                        EnsureMatches(ec, certificate, keyPath, certPath);
                        return certificate.CopyWithPrivateKey(ec);
                    }
                case "1.2.840.113549.1.1.1": // rsaEncryption
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportFromPem(pem);
                        EnsureMatches(rsa, certificate, keyPath, certPath);
                        return certificate.CopyWithPrivateKey(rsa);
                    }
                default:
                    throw new IdentityFileException(certPath, $"has a public key of algorithm {certificate.GetKeyAlgorithm()}; only EC and RSA CA keys are supported");
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new IdentityFileException(keyPath, "does not hold an unencrypted private key of the same algorithm as " + Path.GetFileName(certPath) + ": " + e.Message, e);
        }
    }

    /// <summary>RFC 5280 §4.2.1.9/§4.2.1.3: a CA certificate has basicConstraints cA=true and, when key usage is present, keyCertSign.</summary>
    public static void EnsureCa(X509Certificate2 certificate, string path)
    {
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true })
            throw new IdentityFileException(path, $"certificate '{certificate.Subject}' is not a CA (basicConstraints cA is not true)");
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
            throw new IdentityFileException(path, $"certificate '{certificate.Subject}' may not sign certificates (key usage lacks keyCertSign)");
    }

    public static void EnsureValidAt(X509Certificate2 certificate, DateTimeOffset now, string path)
    {
        if (now.UtcDateTime > certificate.NotAfter.ToUniversalTime())
            throw new IdentityFileException(path, $"certificate '{certificate.Subject}' expired at {certificate.NotAfter.ToUniversalTime():u}");
        if (now.UtcDateTime < certificate.NotBefore.ToUniversalTime())
            throw new IdentityFileException(path, $"certificate '{certificate.Subject}' is not valid before {certificate.NotBefore.ToUniversalTime():u}");
    }

    public static void EnsureMatches(AsymmetricAlgorithm key, X509Certificate2 certificate, string keyPath, string certPath)
    {
        if (!key.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(certificate.PublicKey.ExportSubjectPublicKeyInfo()))
            throw new IdentityFileException(keyPath, $"is not the private key of the certificate in {Path.GetFileName(certPath)}");
    }
}
