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

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var c in Intermediates) c.Dispose();
        foreach (var c in Roots) c.Dispose();
    }
}
