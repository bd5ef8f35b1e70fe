using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Spiffe;

namespace Switchboard.Identity.Svid;

/// <summary>
/// The leaf rules of X509-SVID §5.2 (https://github.com/spiffe/spiffe/blob/main/standards/X509-SVID.md), applied
/// after path validation: a leaf that cannot sign, for the right purpose, naming exactly one workload SPIFFE ID in
/// the mesh's trust domain. RFC 5280 path validation allows all of what is refused here.
/// </summary>
internal static class PeerLeafCheck
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    public static PeerValidationResult Check(X509Certificate2 leaf, string expectedTrustDomain, PeerRole peerRole) =>
        Usage(leaf, peerRole) ?? Identity(leaf, expectedTrustDomain);

    private static PeerValidationResult? Usage(X509Certificate2 leaf, PeerRole peerRole)
    {
        // §4.1: a leaf is not a CA; otherwise it could mint certificates for any name in the trust domain.
        if (leaf.Extensions.OfType<X509BasicConstraintsExtension>().Any(c => c.CertificateAuthority))
            return PeerValidationResult.Invalid(PeerCertificateFailure.LeafIsCa, "the leaf has basicConstraints cA=true");

        // §4.3: digitalSignature is what a TLS handshake uses the key for; keyCertSign/cRLSign belong to CAs.
        // The spec also makes keyUsage mandatory; it is tolerated when absent, as RFC 5280 allows, and judged when present.
        if (leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage)
        {
            if (!usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
                return PeerValidationResult.Invalid(PeerCertificateFailure.MissingDigitalSignature, $"the leaf's keyUsage is {usage.KeyUsages}, without digitalSignature");
            if ((usage.KeyUsages & (X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign)) != 0)
                return PeerValidationResult.Invalid(PeerCertificateFailure.LeafCanSign, $"the leaf's keyUsage is {usage.KeyUsages}; a leaf must not have keyCertSign or cRLSign");
        }

        // §4.4 and RFC 5280 §4.2.1.12: when present, the EKU limits the key to the purposes listed. anyExtendedKeyUsage
        // is not taken as a substitute (strict, like Go's crypto/x509 for an explicit purpose list).
        if (leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } eku)
        {
            var needed = peerRole == PeerRole.Server ? ServerAuth : ClientAuth;
            var purposes = eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToList();
            if (!purposes.Contains(needed))
                return PeerValidationResult.Invalid(PeerCertificateFailure.MissingExtendedKeyUsage,
                    $"the peer acts as TLS {peerRole.ToString().ToLowerInvariant()} but its extendedKeyUsage ({string.Join(", ", purposes)}) lacks {(peerRole == PeerRole.Server ? "serverAuth" : "clientAuth")}");
        }
        return null;
    }

    private static PeerValidationResult Identity(X509Certificate2 leaf, string expectedTrustDomain)
    {
        // §2: exactly one URI SAN. Typed reading: a DNS name spelled like a SPIFFE ID is not one (CVE-2022-21656).
        var uris = SubjectAltNames.Uris(leaf);
        if (uris.Count == 0) return PeerValidationResult.Invalid(PeerCertificateFailure.NoUriSan, "the leaf has no URI SAN");
        if (uris.Count > 1)
            return PeerValidationResult.Invalid(PeerCertificateFailure.MultipleUriSans, $"the leaf has {uris.Count} URI SANs ({string.Join(", ", uris)}); an X.509-SVID has exactly one");

        if (!SpiffeId.TryParse(uris[0], out var id, out var error))
        {
            var failure = error switch
            {
                SpiffeIdError.NotSpiffeScheme => PeerCertificateFailure.UriSanNotSpiffe,
                SpiffeIdError.NotWorkloadPath => PeerCertificateFailure.NotWorkloadIdentity,
                _ => PeerCertificateFailure.InvalidSpiffeId,
            };
            return PeerValidationResult.Invalid(failure, $"the leaf's URI SAN '{uris[0]}' is not a workload SPIFFE ID: {error}");
        }
        // Both sides are lowercase by construction (SPIFFE-ID §2.1), so ordinal equality is the spec's comparison.
        if (!string.Equals(id.TrustDomain, expectedTrustDomain, StringComparison.Ordinal))
            return PeerValidationResult.Invalid(PeerCertificateFailure.WrongTrustDomain, $"the leaf's SPIFFE ID {id} is in trust domain '{id.TrustDomain}', not '{expectedTrustDomain}'");
        return PeerValidationResult.Valid(id);
    }
}
