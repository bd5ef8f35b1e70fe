using Switchboard.Identity.Spiffe;

namespace Switchboard.Identity.Tokens;

/// <summary>What a verified bootstrap token says: which workload it was given to, for whom, and until when.</summary>
public sealed record BootstrapClaims(
    WorkloadIdentity Identity,
    string Workload,
    string Audience,
    DateTimeOffset IssuedAt,
    DateTimeOffset Expires,
    string TokenId);
