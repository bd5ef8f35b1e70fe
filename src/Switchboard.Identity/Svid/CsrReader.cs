using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Identity.Svid;

/// <summary>What the CA takes from a CSR: its public key, and the names it asks for (only so they can be checked).</summary>
internal sealed record ValidatedCsr(PublicKey PublicKey, bool IsRsa, IReadOnlyList<string> RequestedNames);

/// <summary>
/// Parses a PKCS#10 CSR (RFC 2986), verifies its self-signature (proof that the requester holds the private key)
/// and checks its key type. Nothing else from the CSR is trusted: subject, requested extensions and attributes are
/// read only to refuse a request for someone else's name.
/// </summary>
internal static class CsrReader
{
    private const string EcPublicKey = "1.2.840.10045.2.1";
    private const string RsaEncryption = "1.2.840.113549.1.1.1";
    private const string P256 = "1.2.840.10045.3.1.7";
    private const string P384 = "1.3.132.0.34";

    public static ValidatedCsr ReadPem(string pem) =>
        Read(() => CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions));

    public static ValidatedCsr ReadDer(byte[] der) =>
        Read(() => CertificateRequest.LoadSigningRequest(der, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions));

    private static ValidatedCsr Read(Func<CertificateRequest> load)
    {
        CertificateRequest request;
        IReadOnlyList<string> names;
        try
        {
            // Without SkipSignatureValidation the loader verifies the CSR's signature with the CSR's own key.
            request = load();
            names = SubjectAltNames.Read(request.CertificateExtensions);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or AsnContentException)
        {
            throw new IssuanceException(IssuanceFailure.MalformedCsr, "the CSR is not a valid PKCS#10 request or its signature does not verify: " + e.Message, e);
        }
        var key = request.PublicKey;
        return new ValidatedCsr(key, CheckKey(key), names);
    }

    /// <returns>True for RSA keys (they also get keyEncipherment), false for EC keys.</returns>
    private static bool CheckKey(PublicKey key)
    {
        switch (key.Oid.Value)
        {
            case EcPublicKey:
                using (var ec = key.GetECDsaPublicKey())
                {
                    var curve = ec?.ExportParameters(false).Curve;
                    if (curve is { IsNamed: true } named && named.Oid.Value is P256 or P384) return false;
                    throw new IssuanceException(IssuanceFailure.UnsupportedKey, $"the CSR's EC key is on curve '{curve?.Oid.FriendlyName ?? curve?.Oid.Value ?? "explicit"}'; only P-256 and P-384 are accepted");
                }
            case RsaEncryption:
                using (var rsa = key.GetRSAPublicKey())
                {
                    var bits = rsa?.KeySize ?? 0;
                    if (bits is >= SvidPolicy.MinRsaBits and <= SvidPolicy.MaxRsaBits) return true;
                    throw new IssuanceException(IssuanceFailure.UnsupportedKey, $"the CSR's RSA key has {bits} bits; {SvidPolicy.MinRsaBits} to {SvidPolicy.MaxRsaBits} are accepted");
                }
            default:
                throw new IssuanceException(IssuanceFailure.UnsupportedKey, $"the CSR's key algorithm {key.Oid.Value} ({key.Oid.FriendlyName}) is not accepted; use EC P-256/P-384 or RSA");
        }
    }
}
