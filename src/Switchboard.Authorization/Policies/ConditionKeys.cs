namespace Switchboard.Authorization.Policies;

/// <summary>
/// The <c>when</c> keys Istio documents (istio.io "Authorization Policy Conditions"; istio-api.md §2.2 table).
/// Keys marked HTTP only cannot be evaluated on TCP; <c>experimental.envoy.filters.*</c> and unknown keys cannot be
/// evaluated at all. Either way the evaluator fails closed (see <c>Evaluation/Evaluability</c>).
/// </summary>
public static class ConditionKeys
{
    /// <summary>HTTP only. <c>request.headers[Name]</c>, name matched case-insensitively.</summary>
    public const string RequestHeadersPrefix = "request.headers[";
    public const string SourceIp = "source.ip";
    public const string RemoteIp = "remote.ip";
    public const string SourceNamespace = "source.namespace";
    public const string SourcePrincipal = "source.principal";
    public const string SourceServiceAccount = "source.serviceAccount";
    public const string SourceTrustDomain = "source.trustDomain";
    public const string RequestAuthPrincipal = "request.auth.principal";
    public const string RequestAuthAudiences = "request.auth.audiences";
    public const string RequestAuthPresenter = "request.auth.presenter";

    /// <summary>HTTP only. <c>request.auth.claims[a]</c>, nested as <c>request.auth.claims[a][b]</c>.</summary>
    public const string RequestAuthClaimsPrefix = "request.auth.claims[";
    public const string DestinationIp = "destination.ip";
    public const string DestinationPort = "destination.port";
    public const string ConnectionSni = "connection.sni";

    /// <summary>Envoy filter state keys: documented without a compatibility promise; not implemented here.</summary>
    public const string ExperimentalPrefix = "experimental.envoy.filters.";

    /// <summary>True for keys only an HTTP request carries.</summary>
    public static bool IsHttpOnly(string key) =>
        key.StartsWith(RequestHeadersPrefix, StringComparison.Ordinal) || key.StartsWith("request.auth.", StringComparison.Ordinal);
}
