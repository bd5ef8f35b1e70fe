namespace Switchboard.Identity.Tokens;

/// <summary>Why a bootstrap token was refused.</summary>
public enum TokenFailure
{
    None,

    /// <summary>Not three base64url segments of JSON, or required claims missing or invalid.</summary>
    Malformed,

    /// <summary>The header names an algorithm other than ES256 (<c>none</c>, HS256, RS256, ...) or a critical extension.</summary>
    UnsupportedAlgorithm,

    /// <summary>The signature does not verify with the control plane's token key (tampered, or another key).</summary>
    BadSignature,

    /// <summary>Past <c>exp</c> by more than the allowed clock skew.</summary>
    Expired,

    /// <summary>Issued in the future by more than the allowed clock skew.</summary>
    NotYetValid,

    /// <summary>Minted for another audience or issuer.</summary>
    WrongAudience,
}

/// <summary>The outcome of verifying a token: the claims, or a <see cref="TokenFailure"/> and a message for logs and callers.</summary>
public sealed record TokenVerification(BootstrapClaims? Claims, TokenFailure Failure, string Detail)
{
    public bool IsValid => Claims is not null;

    internal static TokenVerification Fail(TokenFailure failure, string detail) => new(null, failure, detail);
}
