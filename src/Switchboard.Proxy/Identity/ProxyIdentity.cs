using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Spiffe;
using Switchboard.Identity.Svid;
using Switchboard.Identity.Workload;

namespace Switchboard.Proxy.Identity;

/// <summary>
/// The proxy's workload identity: its current SVID (kept fresh by a <see cref="CertificateRotator"/>) and the mesh's
/// trust bundle that came with it. Both sides of mTLS ask it for what to present and how to judge the peer.
/// <see cref="None"/> is a proxy without a CA (static mode): it neither originates nor accepts mTLS.
/// </summary>
public sealed class ProxyIdentity(Func<WorkloadCertificate>? current, TimeProvider time)
{
    private readonly Lock _lock = new();
    private (WorkloadCertificate Source, SslStreamCertificateContext Context)? _context;

    public static ProxyIdentity None { get; } = new(null, TimeProvider.System);

    public bool Enabled => current is not null;

    /// <summary>The certificate in force (the rotator keeps an expired one until a new one arrives).</summary>
    public WorkloadCertificate Current => current?.Invoke() ?? throw new InvalidOperationException("this proxy has no workload identity (no CA configured)");

    /// <summary>Our trust domain, from our own SPIFFE ID: peers must be of the same one.</summary>
    public string TrustDomain => SpiffeId.TryParse(Current.SpiffeId, out var id, out _) ? id.TrustDomain : SpiffeId.DefaultTrustDomain;

    /// <summary>What we present (leaf + intermediates), made once per certificate: a rotation makes a new one.</summary>
    public SslStreamCertificateContext CertificateContext
    {
        get
        {
            var certificate = Current;
            lock (_lock)
            {
                if (_context is { } cached && ReferenceEquals(cached.Source, certificate)) return cached.Context;
                var context = SslStreamCertificateContext.Create(certificate.Certificate, certificate.Intermediates, offline: true);
                _context = (certificate, context);
                return context;
            }
        }
    }

    /// <summary>
    /// Checks a peer's certificate as an X.509-SVID of our trust domain chaining to our roots; secure naming on top
    /// when <paramref name="allowed"/> names the identities the peer may have (empty: any in the trust domain).
    /// </summary>
    public PeerValidationResult Validate(X509Certificate? certificate, X509Chain? chain, PeerRole role, IReadOnlyCollection<string> allowed)
    {
        if (certificate is null) return PeerValidationResult.Invalid(PeerCertificateFailure.NoCertificate, "the peer presented no certificate");
        using var leaf = new X509Certificate2(certificate);
        var presented = new X509Certificate2Collection();
        if (chain is not null) presented.AddRange(chain.ChainPolicy.ExtraStore);
        var mine = Current;
        var result = PeerCertificateValidator.Validate(leaf, presented, mine.Roots, TrustDomain, role, time.GetUtcNow());
        if (result.IsValid && !PeerCertificateValidator.IsOneOf(result.Id, allowed))
            return PeerValidationResult.Invalid(PeerCertificateFailure.SecureNamingMismatch, $"secure naming: {result.Id} is not one of {string.Join(", ", allowed)}");
        return result;
    }
}
