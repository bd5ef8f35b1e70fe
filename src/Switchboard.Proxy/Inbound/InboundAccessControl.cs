using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Switchboard.Authentication;
using Switchboard.Authorization.Evaluation;
using Switchboard.Authorization.Normalization;
using Switchboard.Authorization.Requests;
using Switchboard.Proxy.Runtime;

namespace Switchboard.Proxy.Inbound;

/// <summary>The outcome of inbound access control: the path every later step uses, or the local answer that ends the request.</summary>
internal sealed record AccessOutcome(NormalizedPath? Path, int Status = 200, string? Body = null, string? Details = null)
{
    /// <summary>The payload of the JWT that request authentication verified, if any (claim routes read it on gateways).</summary>
    public System.Text.Json.JsonElement? Claims { get; init; }

    public bool Admitted => Status == 200;
}

/// <summary>
/// Who may call this workload, decided once per request in Envoy's order (the seed's "authn → authz" steps):
/// 1. one view of the path: the raw request target normalized (mesh pathNormalization, BASE by default); a target that
///    cannot be normalized safely (<c>%00</c>, control characters) is a 400. Authorization and forwarding both use it;
/// 2. request authentication: a JWT that fails its rule is a 401 with Envoy's reason; no token is no identity;
/// 3. authorization over the peer's verified identity, the JWT's claims and the normalized request:
///    403 <c>RBAC: access denied</c> when denied (dry-run policies only log what they would have done).
/// </summary>
internal static class InboundAccessControl
{
    public static async Task<AccessOutcome> CheckAsync(HttpContext context, RuntimeConfig config, PeerIdentityFeature peer)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var path = PathNormalizer.Normalize(raw, PathNormalizationSetting.Parse(config.Source.Inbound.PathNormalization));
        if (path.IsRejected) return new AccessOutcome(null, 400, "Bad Request", "path_normalization_failed");

        var headers = Flatten(context.Request.Headers);
        var authn = config.Authenticator.Authenticate(headers, path.Query);
        if (authn.Status == AuthnStatus.Invalid) return new AccessOutcome(path, 401, authn.Reason ?? "Jwt verification fails", "jwt_authn_access_denied");
        foreach (var name in authn.HeadersToRemove) context.Request.Headers.Remove(name);
        foreach (var (name, value) in authn.HeadersToAdd) context.Request.Headers[name] = value;
        // Authorization sees the headers authentication left (claim headers included), as Envoy's filter order does.
        if (authn.HeadersToRemove.Count + authn.HeadersToAdd.Count > 0) headers = Flatten(context.Request.Headers);

        var request = new RequestAttributes
        {
            Method = context.Request.Method,
            Path = path.Path,
            Authority = context.Request.Host.Value,
            Port = peer.DestinationPort,
            Headers = RequestHeaders.From(headers),
            SourceIp = context.Connection.RemoteIpAddress,
            RemoteIp = context.Connection.RemoteIpAddress,
            DestinationIp = context.Connection.LocalIpAddress,
            SourcePrincipal = peer.SpiffeId,
            RequestPrincipal = authn.Principal,
            Audiences = authn.Audiences,
            Presenter = authn.Presenter,
            Claims = authn.Claims,
        };
        var decision = AuthzEvaluator.Evaluate(config.Source.Inbound.Authorization, request);
        // CUSTOM first (Istio's order): every matched CUSTOM policy's authorizer must allow; an unknown provider denies.
        foreach (var custom in decision.CustomProviders)
        {
            if (config.Source.Inbound.ExtAuthz.FirstOrDefault(p => p.Name == custom.Provider) is not { } provider)
                return new AccessOutcome(path, 403, "RBAC: access denied", $"ext_authz_provider_unknown[{custom.Provider}]");
            var verdict = await ExtAuthzClient.CheckAsync(context, config, provider, path.PathAndQuery);
            if (!verdict.Allowed)
            {
                foreach (var (name, value) in verdict.Headers) context.Response.Headers.Append(name, value);
                return new AccessOutcome(path, verdict.Status, verdict.Body, $"ext_authz_denied[{provider.Name}]");
            }
            foreach (var (name, value) in verdict.Headers) context.Request.Headers[name] = value;
        }
        if (!decision.Allowed) return new AccessOutcome(path, 403, "RBAC: access denied", $"rbac_access_denied_matched_policy[{decision.DecidingPolicy ?? "none"}]");
        // istio.io/dry-run: what the dry-run policies would have decided is logged, not enforced (Envoy's shadow rules).
        var shadow = decision.Shadow is { Allowed: false } denied ? $"shadow_denied_by[{denied.DecidingPolicy ?? "none"}]" : null;
        // AUDIT policies only mark the request for the log (Istio hands them to a logging backend).
        var audit = decision.AuditMatched.Count > 0 ? $"audit[{string.Join(",", decision.AuditMatched.Select(a => a.Key))}]" : null;
        return new AccessOutcome(path, Details: shadow is null ? audit : audit is null ? shadow : $"{shadow};{audit}") { Claims = authn.Claims };
    }

    private static List<KeyValuePair<string, string>> Flatten(IHeaderDictionary headers) =>
        headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? ""))).ToList();
}
