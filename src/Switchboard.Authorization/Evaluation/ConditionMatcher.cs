using Switchboard.Authorization.Matching;
using Switchboard.Authorization.Policies;
using Switchboard.Authorization.Requests;

namespace Switchboard.Authorization.Evaluation;

/// <summary>
/// One <c>when</c> condition (istio.io "Authorization Policy Conditions"): the attribute's values must match one of
/// <c>values</c> (if set) and none of <c>notValues</c>. Multi-valued attributes (repeated headers, audiences, list
/// claims) match value by value: a pattern matches when it matches any single value — Envoy's RBAC per-value header
/// matching (CVE-2026-26308), so <c>x-user: bob</c> plus <c>x-user: admin</c> is caught by a DENY on <c>admin</c>.
/// </summary>
internal static class ConditionMatcher
{
    /// <summary>Whether the condition holds; a condition that cannot be evaluated holds (the caller filtered ALLOW).</summary>
    public static bool Holds(AuthzCondition condition, RequestAttributes request)
    {
        if (!Evaluability.IsConditionEvaluable(condition, request.IsTcp)) return true;
        var kind = ConditionKinds.Of(condition.Key);
        return kind switch
        {
            ConditionKind.SourceIp => Ip(condition, request.SourceIp),
            ConditionKind.RemoteIp => Ip(condition, request.RemoteIp),
            ConditionKind.DestinationIp => Ip(condition, request.DestinationIp),
            ConditionKind.DestinationPort => Pattern(condition, v => Evaluability.TryPort(v, out var p) && p == request.Port),
            ConditionKind.SourceServiceAccount => Pattern(condition, v => SpiffePrincipal.IsServiceAccount(request.SourcePrincipal, v)),
            _ => Strings(condition, ValuesOf(kind, condition.Key, request)),
        };
    }

    private static IReadOnlyList<string> ValuesOf(ConditionKind kind, string key, RequestAttributes r) => kind switch
    {
        ConditionKind.Header => r.Headers.Get(ConditionKinds.HeaderName(key)!),
        ConditionKind.SourceNamespace => One(r.SourceNamespace),
        ConditionKind.SourcePrincipal => One(r.SourcePrincipal),
        ConditionKind.SourceTrustDomain => One(r.SourceTrustDomain),
        ConditionKind.AuthPrincipal => One(r.RequestPrincipal),
        ConditionKind.AuthPresenter => One(r.Presenter),
        ConditionKind.AuthAudiences => r.Audiences,
        ConditionKind.AuthClaims => ClaimLookup.Values(r.Claims, ClaimLookup.ParsePath(key, ConditionKeys.RequestAuthClaimsPrefix)!),
        ConditionKind.ConnectionSni => One(r.ConnectionSni),
        _ => [],
    };

    /// <summary>An absent attribute is one empty value: it matches no pattern, not even presence (<c>*</c>).</summary>
    private static IReadOnlyList<string> One(string? value) => [value ?? ""];

    private static bool Strings(AuthzCondition c, IReadOnlyList<string> values) =>
        (c.Values.Count == 0 || StringPattern.AnyMatches(c.Values, values)) && !StringPattern.AnyMatches(c.NotValues, values);

    private static bool Ip(AuthzCondition c, System.Net.IPAddress? address) =>
        Pattern(c, v => CidrBlock.TryParse(v, out var block) && block.Contains(address));

    private static bool Pattern(AuthzCondition c, Func<string, bool> matches) =>
        (c.Values.Count == 0 || c.Values.Any(matches)) && !c.NotValues.Any(matches);
}
