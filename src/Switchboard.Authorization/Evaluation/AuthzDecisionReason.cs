namespace Switchboard.Authorization.Evaluation;

/// <summary>Why a request was allowed or denied (steps 2–5 of istio-api.md §2.2, "Actions &amp; evaluation order").</summary>
public enum AuthzDecisionReason
{
    /// <summary>A DENY policy matched (step 2).</summary>
    DenyMatched,

    /// <summary>No ALLOW policy applies to the workload (step 3).</summary>
    NoAllowPolicies,

    /// <summary>An ALLOW policy matched (step 4).</summary>
    AllowMatched,

    /// <summary>ALLOW policies apply and none matched: deny by default (step 5).</summary>
    NoAllowMatched,
}
