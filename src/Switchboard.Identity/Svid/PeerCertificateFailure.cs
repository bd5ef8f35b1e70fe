namespace Switchboard.Identity.Svid;

/// <summary>
/// Why a peer's X.509-SVID was refused. Tests and the proxy's handshake log match on these, never on the detail text.
/// Path failures come first (RFC 5280 §6), then the leaf rules of X509-SVID §5.2.
/// </summary>
public enum PeerCertificateFailure
{
    None,

    /// <summary>No trust roots were given, so nothing can be trusted.</summary>
    EmptyTrustBundle,

    /// <summary>A certificate's issuer is neither among those presented nor in the trust bundle (e.g. a missing intermediate).</summary>
    IncompleteChain,

    /// <summary>The path ends at a self-signed certificate that is not in the trust bundle: another CA's, or the peer's own.</summary>
    UntrustedRoot,

    /// <summary>A signature in the path does not verify with its issuer's key.</summary>
    InvalidSignature,

    /// <summary>A certificate above the leaf is not a CA (basicConstraints cA=false or absent, keyUsage without keyCertSign, path length exceeded).</summary>
    IssuerNotCa,

    /// <summary>The leaf or a certificate above it is past its notAfter.</summary>
    Expired,

    /// <summary>The leaf or a certificate above it is before its notBefore.</summary>
    NotYetValid,

    /// <summary>Path validation failed for another reason (unknown critical extension, name constraints, ...).</summary>
    InvalidChain,

    /// <summary>A certificate extension the leaf checks need could not be decoded, or a SAN holds control characters.</summary>
    MalformedExtension,

    /// <summary>The leaf has basicConstraints cA=true (X509-SVID §4.1).</summary>
    LeafIsCa,

    /// <summary>The leaf's keyUsage is present without digitalSignature (X509-SVID §4.3).</summary>
    MissingDigitalSignature,

    /// <summary>The leaf's keyUsage has keyCertSign or cRLSign (X509-SVID §4.3).</summary>
    LeafCanSign,

    /// <summary>The leaf's extendedKeyUsage is present without the purpose its <see cref="PeerRole"/> needs.</summary>
    MissingExtendedKeyUsage,

    /// <summary>The leaf has no URI SAN (X509-SVID §2).</summary>
    NoUriSan,

    /// <summary>The leaf has more than one URI SAN; X509-SVID §2 says a validator MUST reject it.</summary>
    MultipleUriSans,

    /// <summary>The URI SAN's scheme is not <c>spiffe</c>.</summary>
    UriSanNotSpiffe,

    /// <summary>The URI SAN breaks a SPIFFE-ID rule: trust domain, path, length (SPIFFE-ID §2).</summary>
    InvalidSpiffeId,

    /// <summary>A valid SPIFFE ID, but not the <c>/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c> workload shape the mesh names identities by.</summary>
    NotWorkloadIdentity,

    /// <summary>The SPIFFE ID is in a trust domain other than the mesh's.</summary>
    WrongTrustDomain,

    /// <summary>The peer presented no certificate at all (for callers of <see cref="PeerCertificateValidator"/>; it never returns this).</summary>
    NoCertificate,

    /// <summary>A valid SVID, but not one of the identities the destination may have (<see cref="PeerCertificateValidator.IsOneOf"/> said no).</summary>
    SecureNamingMismatch,
}
