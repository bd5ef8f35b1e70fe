using Microsoft.AspNetCore.Http;
using Switchboard.Authorization.Matching;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Routing;

/// <summary>A route with its matches compiled; <see cref="TryMatch"/> runs per request.</summary>
internal sealed class CompiledRoute
{
    private readonly CompiledMatch[] _matches;

    public CompiledRoute(Route route)
    {
        Route = route;
        _matches = route.Matches.Select(m => new CompiledMatch(m)).ToArray();
        CorsOrigins = route.Cors?.AllowOrigins.Select(m => new CompiledStringMatcher(m)).ToArray() ?? [];
    }

    public Route Route { get; }

    /// <summary>The route's CORS allowOrigins, compiled with the route.</summary>
    public CompiledStringMatcher[] CorsOrigins { get; }

    /// <summary>
    /// No matches means "match everything"; otherwise the first match that holds. <paramref name="matched"/>
    /// is that match (null for a match-all route), which a prefix rewrite needs.
    /// </summary>
    public bool TryMatch(HttpRequest request, int port, out RouteMatch? matched)
    {
        matched = null;
        if (_matches.Length == 0) return true;
        foreach (var match in _matches)
        {
            if (!match.Matches(request, port)) continue;
            matched = match.Spec;
            return true;
        }
        return false;
    }

    /// <summary>One HTTP match: all of its conditions hold.</summary>
    private sealed class CompiledMatch(RouteMatch spec)
    {
        public RouteMatch Spec => spec;

        private readonly CompiledStringMatcher? _path = spec.Path is { } p ? new(p) : null;
        private readonly CompiledStringMatcher? _method = spec.Method is { } m ? new(m) : null;
        private readonly CompiledStringMatcher? _authority = spec.Authority is { } a ? new(a) : null;
        private readonly CompiledStringMatcher? _scheme = spec.Scheme is { } s ? new(s) : null;
        private readonly (string Name, CompiledStringMatcher Matcher, bool Invert)[] _headers =
            spec.Headers.Where(h => ClaimRouteKey.Parse(h.Name) is null).Select(h => (h.Name, new CompiledStringMatcher(h.Matcher), h.Invert)).ToArray();
        private readonly (IReadOnlyList<string> Path, CompiledStringMatcher Matcher, bool Invert)[] _claims =
            spec.Headers.Select(h => (Path: ClaimRouteKey.Parse(h.Name), h)).Where(c => c.Path is not null)
                .Select(c => (c.Path!, new CompiledStringMatcher(c.h.Matcher), c.h.Invert)).ToArray();
        private readonly (string Name, CompiledStringMatcher Matcher, bool Invert)[] _query =
            spec.QueryParameters.Select(q => (q.Name, new CompiledStringMatcher(q.Matcher), q.Invert)).ToArray();

        public bool Matches(HttpRequest request, int port)
        {
            if (spec.Port is { } wanted && wanted != port) return false;
            // Istio matches the path without the query string.
            if (_path is not null && !_path.Matches(request.Path.Value ?? "/")) return false;
            if (_method is not null && !_method.Matches(request.Method)) return false;
            if (_authority is not null && !_authority.Matches(request.Host.Value)) return false;
            if (_scheme is not null && !_scheme.Matches(request.Scheme)) return false;
            foreach (var (name, matcher, invert) in _headers)
            {
                var values = request.Headers[name];
                var value = values.Count == 0 ? null : values.Count == 1 ? values[0] : string.Join(',', values.ToArray());
                if (matcher.Matches(value) == invert) return false;
            }
            if (_claims.Length > 0 && !ClaimsMatch(request)) return false;
            foreach (var (name, matcher, invert) in _query)
            {
                var values = request.Query[name];
                var value = values.Count == 0 ? null : values[0];
                if (matcher.Matches(value) == invert) return false;
            }
            return true;
        }

        /// <summary>
        /// Claim conditions read the verified token only (<see cref="VerifiedClaimsFeature"/>), never a client header of
        /// the same name. A list claim matches when any element does; an absent claim is absent (so withoutHeaders holds).
        /// </summary>
        private bool ClaimsMatch(HttpRequest request)
        {
            var claims = request.HttpContext.Features.Get<VerifiedClaimsFeature>()?.Claims;
            foreach (var (path, matcher, invert) in _claims)
            {
                var values = ClaimRouteKey.Values(claims, path);
                var matched = matcher.IsPresence ? values.Count > 0 : values.Any(v => matcher.Matches(v));
                if (matched == invert) return false;
            }
            return true;
        }
    }
}
