using Switchboard.Authorization.Normalization;
using Switchboard.Authorization.Policies;
using Switchboard.Authorization.Requests;

namespace Switchboard.Authorization.Evaluation;

/// <summary>
/// Decides a request against the policies that apply to its workload (reference §1.2, "Evaluation order"):
/// <list type="number">
/// <item>matching CUSTOM policies are returned for the caller to consult first;</item>
/// <item>any matching DENY policy denies;</item>
/// <item>no (enforced) ALLOW policy on the workload allows;</item>
/// <item>any matching ALLOW policy allows;</item>
/// <item>otherwise deny.</item>
/// </list>
/// AUDIT policies only flag. Dry-run policies are left out of the decision and evaluated again, with the others,
/// into <see cref="AuthzDecision.Shadow"/>.
/// <para>
/// Path parameters (<c>;x=y</c>) stay in the normalized path, as Istio and Envoy keep them (reference §6 A), yet many
/// backends strip them per segment (CVE-2026-73511, CVE-2026-73553: <c>/admin;x=y</c> reaches <c>/admin</c>). When
/// the path has any, a rule is also matched against the path without them, and the stricter answer wins: a DENY
/// (or AUDIT/CUSTOM) rule matches if it matches either view, an ALLOW rule only if it matches both. The outcome is
/// never more permissive than Istio's.
/// </para>
/// </summary>
public static class AuthzEvaluator
{
    public static AuthzDecision Evaluate(IReadOnlyList<AuthzPolicy> policies, RequestAttributes request)
    {
        var alternatePath = request.IsTcp ? null : PathParameters.Strip(request.Path);
        var enforced = Decide(policies.Where(p => !p.DryRun), request, alternatePath);
        if (!policies.Any(p => p.DryRun)) return enforced;
        var shadow = Decide(policies, request, alternatePath);
        return enforced with
        {
            DryRunMatched = policies.Where(p => p.DryRun)
                .Select(p => FirstMatchingRule(p, request, alternatePath) is { } i ? AuthzPolicyMatch.Of(p, i) : null)
                .OfType<AuthzPolicyMatch>().ToList(),
            Shadow = shadow,
        };
    }

    /// <summary>The index of the first rule of <paramref name="policy"/> that matches, or null.</summary>
    public static int? FirstMatchingRule(AuthzPolicy policy, RequestAttributes request) =>
        FirstMatchingRule(policy, request, request.IsTcp ? null : PathParameters.Strip(request.Path));

    private static AuthzDecision Decide(IEnumerable<AuthzPolicy> policies, RequestAttributes request, string? alternatePath)
    {
        var custom = new List<AuthzPolicyMatch>();
        var audit = new List<AuthzPolicyMatch>();
        AuthzPolicyMatch? deny = null, allow = null;
        var anyAllow = false;
        foreach (var policy in policies)
        {
            anyAllow |= policy.Action == AuthzAction.Allow;
            if (FirstMatchingRule(policy, request, alternatePath) is not { } rule) continue;
            var match = AuthzPolicyMatch.Of(policy, rule);
            switch (policy.Action)
            {
                case AuthzAction.Custom: custom.Add(match); break;
                case AuthzAction.Audit: audit.Add(match); break;
                case AuthzAction.Deny: deny ??= match; break;
                default: allow ??= match; break;
            }
        }
        var (allowed, reason, decider) = (deny, anyAllow, allow) switch
        {
            ({ } d, _, _) => (false, AuthzDecisionReason.DenyMatched, d),
            (null, false, _) => (true, AuthzDecisionReason.NoAllowPolicies, null),
            (null, true, { } a) => (true, AuthzDecisionReason.AllowMatched, a),
            _ => (false, AuthzDecisionReason.NoAllowMatched, (AuthzPolicyMatch?)null),
        };
        return new AuthzDecision
        {
            Allowed = allowed,
            Reason = reason,
            Action = decider?.Action,
            DecidingPolicy = decider?.Key,
            DecidingRuleIndex = decider?.RuleIndex,
            CustomProviders = custom,
            AuditMatched = audit,
        };
    }

    private static int? FirstMatchingRule(AuthzPolicy policy, RequestAttributes request, string? alternatePath)
    {
        var strictAllow = policy.Action == AuthzAction.Allow;
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            // An ALLOW rule with anything this request cannot evaluate never matches (see Evaluability).
            if (strictAllow && Evaluability.HasUnevaluable(rule, request.IsTcp)) continue;
            var matches = RuleMatcher.Matches(rule, request, request.Path);
            if (alternatePath is not null)
            {
                matches = strictAllow
                    ? matches && RuleMatcher.Matches(rule, request, alternatePath)
                    : matches || RuleMatcher.Matches(rule, request, alternatePath);
            }
            if (matches) return i;
        }
        return null;
    }
}
