namespace Switchboard.Identity.Spiffe;

/// <summary>Why a string is not a workload SPIFFE ID; <see cref="SpiffeId.TryParse"/> names the first rule it breaks.</summary>
public enum SpiffeIdError
{
    None,

    /// <summary>It does not start with <c>spiffe://</c> (SPIFFE-ID §2: the scheme is <c>spiffe</c>).</summary>
    NotSpiffeScheme,

    /// <summary>Longer than 2048 bytes (SPIFFE-ID §2.3).</summary>
    TooLong,

    /// <summary>Empty, uppercase, or with a port, userinfo or percent-encoding (SPIFFE-ID §2.1).</summary>
    InvalidTrustDomain,

    /// <summary>No path, i.e. the trust domain's own ID; X509-SVID §2 forbids it in a leaf.</summary>
    MissingPath,

    /// <summary>An empty, <c>.</c> or <c>..</c> segment, a trailing <c>/</c>, or a character outside <c>[a-zA-Z0-9.-_]</c> (SPIFFE-ID §2.2).</summary>
    InvalidPath,

    /// <summary>A valid SPIFFE ID, but not Istio's workload shape <c>/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c>.</summary>
    NotWorkloadPath,
}
