namespace Switchboard.Identity.Svid;

/// <summary>Why a certificate was not issued; the gRPC service maps each to a status code.</summary>
public enum IssuanceFailure
{
    /// <summary>The CSR is not PEM/DER PKCS#10, or its self-signature does not verify.</summary>
    MalformedCsr,

    /// <summary>The CSR's key is not EC P-256/P-384 or RSA 2048-8192.</summary>
    UnsupportedKey,

    /// <summary>The CSR asks for a name other than the caller's own SPIFFE ID.</summary>
    IdentityMismatch,

    /// <summary>The requested lifetime is longer than <see cref="SvidPolicy.MaxTtl"/>.</summary>
    LifetimeTooLong,

    /// <summary>The CA's signing certificate (or an intermediate) is expired or not yet valid.</summary>
    CaNotValid,
}

/// <summary>A refused issuance: <see cref="Failure"/> says why for code, the message says why for people.</summary>
public sealed class IssuanceException(IssuanceFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public IssuanceFailure Failure { get; } = failure;
}
