using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Spiffe;

namespace Switchboard.Identity.Svid;

/// <summary>
/// Decides whether a peer's certificate is a valid X.509-SVID of this mesh and, if so, whose. Used on both sides
/// of mTLS, inside the TLS certificate callback. Pure: no clock, no store, no network; everything is an argument.
/// <list type="number">
/// <item>path validation to a root of the mesh trust bundle at the given time (<see cref="PeerChainCheck"/>);</item>
/// <item>leaf rules: not a CA, can sign for TLS in the needed role, one URI SAN that is a workload SPIFFE ID in the
/// expected trust domain (<see cref="PeerLeafCheck"/>).</item>
/// </list>
/// Secure naming (is this the identity the destination may have?) is a separate question: <see cref="IsOneOf"/>.
/// </summary>
public static class PeerCertificateValidator
{
    /// <param name="leaf">The peer's end-entity certificate.</param>
    /// <param name="presented">The other certificates the peer sent (intermediates); may include the leaf, which is harmless.</param>
    /// <param name="trustBundle">The mesh roots; the only certificates trusted.</param>
    /// <param name="expectedTrustDomain">The mesh's trust domain, e.g. <c>cluster.local</c>.</param>
    /// <param name="peerRole">Which TLS role the peer plays; decides the EKU purpose required.</param>
    /// <param name="now">The proxy's current time (from its <see cref="TimeProvider"/>).</param>
    public static PeerValidationResult Validate(X509Certificate2 leaf, X509Certificate2Collection presented, X509Certificate2Collection trustBundle,
        string expectedTrustDomain, PeerRole peerRole, DateTimeOffset now)
    {
        if (!SpiffeId.IsValidTrustDomain(expectedTrustDomain))
            throw new ArgumentException($"trust domain '{expectedTrustDomain}' is not valid (SPIFFE-ID §2.1)", nameof(expectedTrustDomain));
        if (trustBundle.Count == 0) return PeerValidationResult.Invalid(PeerCertificateFailure.EmptyTrustBundle, "the trust bundle holds no roots");
        try
        {
            // X509-SVID §5: RFC 5280 path validation first, then the leaf checks.
            return PeerChainCheck.Check(leaf, presented, trustBundle, now) ?? PeerLeafCheck.Check(leaf, expectedTrustDomain, peerRole);
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            // The peer's bytes are untrusted input: an undecodable extension is a refusal, never a crash.
            return PeerValidationResult.Invalid(PeerCertificateFailure.MalformedExtension, e.Message);
        }
    }

    /// <summary>
    /// Secure naming (Istio: the server's identity must be one the destination service runs as). True when
    /// <paramref name="allowed"/> is empty (any identity of the trust domain, already checked by
    /// <see cref="Validate"/>) or holds the ID exactly (full <c>spiffe://</c> form, compared byte for byte: the
    /// path is case-sensitive, SPIFFE-ID §2.2).
    /// </summary>
    public static bool IsOneOf(SpiffeId id, IReadOnlyCollection<string> allowed)
    {
        if (allowed.Count == 0) return true;
        var text = id.ToString();
        return allowed.Any(a => string.Equals(a, text, StringComparison.Ordinal));
    }
}
