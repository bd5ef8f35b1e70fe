using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Switchboard.Translation.ProxyConfig;
using Yarp.ReverseProxy.Forwarder;

namespace Switchboard.Proxy.Pipeline;

/// <summary>
/// Shapes one attempt of a forwarded request: keeps the caller's authority (as Envoy does), applies the
/// route's rewrite and header changes, and on the way back either lets the response through (with
/// response header changes) or, when it is retriable and tries remain, discards it before anything
/// reaches the client so the next attempt can answer instead.
/// </summary>
internal sealed class ForwardingTransformer(Route route, WeightedCluster destination, RouteMatch? matched, RetryPolicy retry, bool canRetry,
    Func<bool> admitRetry, TimeProvider time, long attemptStart, bool closeConnection, string? peerMetadata = null)
    : HttpTransformer
{
    // Compiled once per distinct rewrite: building a non-backtracking regex per request would dominate its cost.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Pattern, string Replacement), (Regex Regex, string Replacement)> RegexRewrites = new();

    /// <summary>True when the attempt's response was held back for a retry.</summary>
    public bool Discarded { get; private set; }

    /// <summary>The status the upstream answered with, if it answered.</summary>
    public int? UpstreamStatus { get; private set; }

    public override async ValueTask TransformRequestAsync(HttpContext context, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(context, proxyRequest, destinationPrefix, cancellationToken);
        var authority = context.Request.Host.Value;
        var rewrite = route.Forward?.Rewrite;
        if (rewrite is not null)
        {
            var path = RewritePath(context.Request.Path.Value ?? "/", rewrite);
            if (path is not null) proxyRequest.RequestUri = new Uri(destinationPrefix + path + context.Request.QueryString.Value);
            if (rewrite.Authority is { Length: > 0 } newAuthority) authority = newAuthority;
        }
        proxyRequest.Headers.Host = authority;
        // maxRequestsPerConnection: 1 turns upstream keep-alive off (larger limits are not enforced yet).
        if (closeConnection) proxyRequest.Headers.ConnectionClose = true;
        HeaderEditor.Apply(proxyRequest, route.RequestHeaders);
        HeaderEditor.Apply(proxyRequest, destination.RequestHeaders);
        if (peerMetadata is not null) proxyRequest.Headers.TryAddWithoutValidation(Telemetry.Metrics.PeerMetadata.Header, peerMetadata);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext context, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is not null)
        {
            UpstreamStatus = (int)proxyResponse.StatusCode;
            var grpc = proxyResponse.Headers.TryGetValues("grpc-status", out var values) ? values.FirstOrDefault() : null;
            // Held back only when a retry will really happen: tries left and a slot in the cluster's retry budget.
            if (canRetry && RetryConditions.OnResponse(retry, UpstreamStatus.Value, grpc) && admitRetry())
            {
                Discarded = true;
                return false;
            }
        }
        var copy = await base.TransformResponseAsync(context, proxyResponse, cancellationToken);
        if (proxyResponse is not null)
        {
            // As Envoy's router: how long the upstream took to answer this attempt, in whole milliseconds.
            context.Response.Headers["x-envoy-upstream-service-time"] =
                ((long)time.GetElapsedTime(attemptStart).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        HeaderEditor.Apply(context.Response, route.ResponseHeaders);
        HeaderEditor.Apply(context.Response, destination.ResponseHeaders);
        return copy;
    }

    /// <summary>
    /// Istio's uri rewrite replaces the matched prefix when the route matched by prefix, else the whole
    /// path; uriRegexRewrite substitutes RE2 groups (<c>\1</c>).
    /// </summary>
    private string? RewritePath(string path, RewriteRule rewrite)
    {
        if (rewrite.Uri is { } uri)
        {
            if (matched?.Path is { Kind: MatchKind.Prefix } prefix && path.StartsWith(prefix.Value, prefix.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                return uri + path[prefix.Value.Length..];
            return uri;
        }
        if (rewrite.RegexMatch is { } pattern)
        {
            var (regex, replacement) = RegexRewrites.GetOrAdd((pattern, rewrite.RegexReplacement ?? ""), key =>
                (new Regex(key.Pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant),
                 Regex.Replace(key.Replacement, @"\\(\d)", "$${$1}")));
            return regex.Replace(path, replacement);
        }
        return null;
    }
}
