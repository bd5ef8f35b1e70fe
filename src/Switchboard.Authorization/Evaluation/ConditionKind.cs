using Switchboard.Authorization.Policies;

namespace Switchboard.Authorization.Evaluation;

/// <summary>The attribute a <c>when</c> key reads; <see cref="Unsupported"/> for keys Switchboard cannot evaluate.</summary>
internal enum ConditionKind
{
    Unsupported,
    Header,
    SourceIp,
    RemoteIp,
    SourceNamespace,
    SourcePrincipal,
    SourceServiceAccount,
    SourceTrustDomain,
    AuthPrincipal,
    AuthAudiences,
    AuthPresenter,
    AuthClaims,
    DestinationIp,
    DestinationPort,
    ConnectionSni,
}

/// <summary>Classifies <c>when</c> keys (istio-api.md §2.2 table; keys are exact and case-sensitive, as in Istio).</summary>
internal static class ConditionKinds
{
    public static ConditionKind Of(string key) => key switch
    {
        ConditionKeys.SourceIp => ConditionKind.SourceIp,
        ConditionKeys.RemoteIp => ConditionKind.RemoteIp,
        ConditionKeys.SourceNamespace => ConditionKind.SourceNamespace,
        ConditionKeys.SourcePrincipal => ConditionKind.SourcePrincipal,
        ConditionKeys.SourceServiceAccount => ConditionKind.SourceServiceAccount,
        ConditionKeys.SourceTrustDomain => ConditionKind.SourceTrustDomain,
        ConditionKeys.RequestAuthPrincipal => ConditionKind.AuthPrincipal,
        ConditionKeys.RequestAuthAudiences => ConditionKind.AuthAudiences,
        ConditionKeys.RequestAuthPresenter => ConditionKind.AuthPresenter,
        ConditionKeys.DestinationIp => ConditionKind.DestinationIp,
        ConditionKeys.DestinationPort => ConditionKind.DestinationPort,
        ConditionKeys.ConnectionSni => ConditionKind.ConnectionSni,
        _ when HeaderName(key) is not null => ConditionKind.Header,
        _ when key.StartsWith(ConditionKeys.RequestAuthClaimsPrefix, StringComparison.Ordinal)
            && Matching.ClaimLookup.ParsePath(key, ConditionKeys.RequestAuthClaimsPrefix) is not null => ConditionKind.AuthClaims,
        // experimental.envoy.filters.* and anything unknown: Istio's code rejects unknown attributes; the doc says
        // they are ignored. Either reading is unsafe to guess at, so the evaluator fails closed on them.
        _ => ConditionKind.Unsupported,
    };

    /// <summary>The header name of <c>request.headers[name]</c>, or null when the key is not that shape.</summary>
    public static string? HeaderName(string key) =>
        key.StartsWith(ConditionKeys.RequestHeadersPrefix, StringComparison.Ordinal) && key.Length > ConditionKeys.RequestHeadersPrefix.Length + 1
            && key[^1] == ']' && key.IndexOf(']') == key.Length - 1
            ? key[ConditionKeys.RequestHeadersPrefix.Length..^1]
            : null;
}
