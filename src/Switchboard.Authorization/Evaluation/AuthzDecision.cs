using Switchboard.Authorization.Policies;

namespace Switchboard.Authorization.Evaluation;

/// <summary>
/// The outcome of <see cref="AuthzEvaluator.Evaluate"/>. Istio's order is CUSTOM, DENY, ALLOW: when
/// <see cref="CustomProviders"/> is not empty the caller first asks those external authorizers and denies if any
/// denies (response flag UAEX); only then does <see cref="Allowed"/> (the DENY/ALLOW outcome) apply.
/// </summary>
public sealed record AuthzDecision
{
    /// <summary>The DENY/ALLOW outcome; a denied HTTP request gets 403 <c>RBAC: access denied</c>.</summary>
    public required bool Allowed { get; init; }

    public required AuthzDecisionReason Reason { get; init; }

    /// <summary>The action of <see cref="DecidingPolicy"/> (null when no policy decided: no ALLOW policies, or none matched).</summary>
    public AuthzAction? Action { get; init; }

    /// <summary><c>namespace/name</c> of the DENY or ALLOW policy that decided, if one did.</summary>
    public string? DecidingPolicy { get; init; }

    /// <summary>The index in <c>rules</c> of the deciding policy's first matching rule.</summary>
    public int? DecidingRuleIndex { get; init; }

    /// <summary>Matching CUSTOM policies: the external authorizers the caller must consult, in policy order.</summary>
    public IReadOnlyList<AuthzPolicyMatch> CustomProviders { get; init; } = [];

    /// <summary>Matching AUDIT policies: the request is marked for audit; the decision is unchanged.</summary>
    public IReadOnlyList<AuthzPolicyMatch> AuditMatched { get; init; } = [];

    /// <summary>Dry-run policies that matched (they never change <see cref="Allowed"/>).</summary>
    public IReadOnlyList<AuthzPolicyMatch> DryRunMatched { get; init; } = [];

    /// <summary>
    /// The shadow decision — what would happen if the dry-run policies were enforced along with the others (Istio's
    /// <c>istio_dry_run_*</c> shadow result); null when no dry-run policy applies.
    /// </summary>
    public AuthzDecision? Shadow { get; init; }
}
