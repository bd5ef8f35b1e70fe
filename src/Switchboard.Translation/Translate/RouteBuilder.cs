using Switchboard.Config.Networking;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Compiles one HTTP rule into a <see cref="Route"/> for one proxy and port:
/// 1. matches, filtered by <see cref="MatchBuilder"/> (a rule whose matches all fall away is left out);
/// 2. the action: redirect, direct response, or forward to weighted clusters with timeout, retries, rewrite, mirrors;
/// 3. fault, route-level header changes and CORS.
/// As in Istio, a route's timeout and retries stay as configured when it also injects faults: the fault acts before
/// forwarding, so an injected abort is never retried and an injected delay does not count against the timeout.
/// </summary>
internal static class RouteBuilder
{
    /// <summary>The route, or null when the rule does not apply; <paramref name="catchAll"/> says later rules are unreachable.</summary>
    public static Route? Build(RuleSource source, RouteScope scope, out bool catchAll)
    {
        catchAll = false;
        var rule = source.Rule;
        var matches = new List<RouteMatch>();
        var isCatchAll = false;
        if (rule.Match.Count == 0)
        {
            if (!GatewayBinding.TopLevel(scope.Binding)) return null;
            isCatchAll = true;
        }
        else
        {
            foreach (var match in rule.Match)
            {
                if (MatchBuilder.Build(match, scope) is not { } built) continue;
                matches.Add(built);
                // Matches are OR-ed: after one that accepts everything the rest add nothing.
                if (MatchBuilder.IsCatchAll(built))
                {
                    isCatchAll = true;
                    break;
                }
            }
            if (matches.Count == 0) return null;
        }

        var headers = HeaderChangesBuilder.From(rule.Headers);
        var route = new Route
        {
            Name = source.Name,
            VirtualService = source.Owner.Key,
            Matches = matches,
            Fault = FaultBuilder.Build(rule.Fault),
            RequestHeaders = headers.Request,
            ResponseHeaders = headers.Response,
            Cors = CorsBuilder.Build(rule.CorsPolicy),
        };
        if (rule.Redirect is not null) route = route with { Redirect = RedirectBuilder.Redirect(rule.Redirect, scope.Port) };
        else if (rule.DirectResponse is not null) route = route with { DirectResponse = RedirectBuilder.DirectResponse(rule.DirectResponse) };
        else if (rule.Route.Count > 0) route = route with { Forward = Forward(rule, source.Owner.Namespace, scope, headers.Authority) };
        else return null;
        catchAll = isCatchAll;
        return route;
    }

    private static ForwardAction Forward(HttpRoute rule, string ownerNamespace, RouteScope scope, string? headerAuthority)
    {
        var clusters = DestinationBuilder.Weighted(rule.Route, ownerNamespace, scope);
        // Istio keeps retries on the same host only for a single consistently-hashed destination.
        var hashed = clusters.Count == 1 && scope.Context.FindCluster(clusters[0].Cluster)?.LoadBalancer.Algorithm == LbAlgorithm.ConsistentHash;
        return new ForwardAction
        {
            Clusters = clusters,
            // Istio's default is no timeout; an explicit 0s means the same.
            Timeout = rule.Timeout is { Value.Ticks: > 0 } timeout ? timeout.Value : null,
            Retry = RetryPolicyBuilder.Build(rule.Retries, hashed),
            Rewrite = Rewrite(rule.Rewrite, headerAuthority),
            Mirrors = MirrorBuilder.Build(rule, ownerNamespace, scope),
        };
    }

    /// <summary><c>rewrite</c>; a rewrite.authority beats a <c>host</c> header set on the route.</summary>
    private static RewriteRule? Rewrite(HttpRewrite? rewrite, string? headerAuthority)
    {
        var result = new RewriteRule
        {
            Uri = string.IsNullOrEmpty(rewrite?.Uri) ? null : rewrite.Uri,
            Authority = !string.IsNullOrEmpty(rewrite?.Authority) ? rewrite.Authority : headerAuthority,
            RegexMatch = rewrite?.UriRegexRewrite?.Match,
            RegexReplacement = rewrite?.UriRegexRewrite?.Rewrite,
        };
        return result.Uri is null && result.Authority is null && result.RegexMatch is null ? null : result;
    }
}
