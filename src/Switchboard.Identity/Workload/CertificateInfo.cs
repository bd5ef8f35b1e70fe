using System.Security.Cryptography;

namespace Switchboard.Identity.Workload;

/// <summary>
/// What <c>sbctl proxy-config secret</c> shows about a proxy's workload certificate: istioctl's columns (identity,
/// serial, validity, state) plus the issuer and the trust roots by SHA-256 fingerprint, enough to see during a root
/// rotation which roots a proxy trusts. Hex is lowercase without separators (serial as istioctl prints it).
/// </summary>
/// <param name="SpiffeId">The certificate's URI SAN.</param>
/// <param name="SerialNumber">Big-endian hex.</param>
/// <param name="NotBefore">Start of validity, UTC.</param>
/// <param name="NotAfter">End of validity, UTC; expired from this second on.</param>
/// <param name="Issuer">The issuer's subject DN.</param>
/// <param name="RootFingerprints">SHA-256 of each root's DER, in bundle order.</param>
/// <param name="State"><see cref="Active"/> or <see cref="Expired"/>.</param>
public sealed record CertificateInfo(string SpiffeId, string SerialNumber, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Issuer,
    IReadOnlyList<string> RootFingerprints, string State)
{
    public const string Active = "ACTIVE";

    public const string Expired = "EXPIRED";

    public static CertificateInfo From(WorkloadCertificate certificate, DateTimeOffset now)
    {
        var leaf = certificate.Certificate;
        return new CertificateInfo(
            certificate.SpiffeId,
            Convert.ToHexStringLower(leaf.SerialNumberBytes.Span),
            certificate.NotBefore,
            certificate.NotAfter,
            leaf.IssuerName.Name,
            [.. certificate.Roots.Select(r => Convert.ToHexStringLower(SHA256.HashData(r.RawDataMemory.Span)))],
            certificate.IsExpiredAt(now) ? Expired : Active);
    }
}
