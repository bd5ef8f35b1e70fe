namespace Switchboard.Authorization.Policies;

/// <summary>
/// What a matching policy does (istio-api.md §2.2). Evaluated CUSTOM, then DENY, then ALLOW; AUDIT only flags.
/// </summary>
public enum AuthzAction
{
    /// <summary>Istio's default: once any ALLOW policy applies to a workload, only matching requests pass.</summary>
    Allow,

    /// <summary>Any match denies, whatever ALLOW policies say.</summary>
    Deny,

    /// <summary>Marks the request for audit; never changes the decision.</summary>
    Audit,

    /// <summary>A match sends the request to the external authorizer named by the policy's provider.</summary>
    Custom,
}
