using System.Diagnostics.CodeAnalysis;
using Switchboard.Identity.Spiffe;

namespace Switchboard.Identity.Svid;

/// <summary>The outcome of <see cref="PeerCertificateValidator.Validate"/>: the verified peer identity, or why there is none.</summary>
public sealed record PeerValidationResult
{
    private PeerValidationResult(SpiffeId? id, PeerCertificateFailure failure, string detail)
    {
        Id = id;
        Failure = failure;
        Detail = detail;
    }

    /// <summary>The peer's SPIFFE ID, set only when the certificate passed every check.</summary>
    public SpiffeId? Id { get; }

    /// <summary><see cref="PeerCertificateFailure.None"/> when valid.</summary>
    public PeerCertificateFailure Failure { get; }

    /// <summary>For logs: which certificate and which rule; empty when valid.</summary>
    public string Detail { get; }

    [MemberNotNullWhen(true, nameof(Id))]
    public bool IsValid => Id is not null;

    public static PeerValidationResult Valid(SpiffeId id) => new(id, PeerCertificateFailure.None, "");

    public static PeerValidationResult Invalid(PeerCertificateFailure failure, string detail) =>
        failure == PeerCertificateFailure.None ? throw new ArgumentOutOfRangeException(nameof(failure)) : new(null, failure, detail);

    public override string ToString() => IsValid ? Id.ToString() : $"{Failure}: {Detail}";
}
