using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Identity.Workload;

/// <summary>
/// A workload's current X.509-SVID as the proxy uses it: the certificate with its in-memory private key, the
/// intermediates to send with it, the trust roots to validate peers against, and when to renew.
/// </summary>
public sealed class WorkloadCertificate(X509Certificate2 certificate, X509Certificate2Collection intermediates, X509Certificate2Collection roots,
    string spiffeId, DateTimeOffset renewAt) : IDisposable
{
    public X509Certificate2 Certificate { get; } = certificate;

    public X509Certificate2Collection Intermediates { get; } = intermediates;

    public X509Certificate2Collection Roots { get; } = roots;

    /// <summary>The certificate's only URI SAN, e.g. <c>spiffe://cluster.local/ns/foo/sa/bar</c>.</summary>
    public string SpiffeId { get; } = spiffeId;

    /// <summary>See <see cref="RenewalSchedule"/>.</summary>
    public DateTimeOffset RenewAt { get; } = renewAt;

    public DateTimeOffset NotBefore => new(Certificate.NotBefore.ToUniversalTime());

    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime());

    /// <summary>
    /// True from the notAfter second on. RFC 5280 §4.1.2.5 makes notAfter inclusive, but X509Chain (OpenSSL) already
    /// refuses at that second, and peers judge us by theirs.
    /// </summary>
    public bool IsExpiredAt(DateTimeOffset now) => now >= NotAfter;

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var c in Intermediates) c.Dispose();
        foreach (var c in Roots) c.Dispose();
    }
}
