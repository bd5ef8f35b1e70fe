using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Clusters;
using Switchboard.Proxy.Runtime;
using Switchboard.Proxy.Telemetry;
using Switchboard.Translation.ProxyConfig;
using Yarp.ReverseProxy.Forwarder;

namespace Switchboard.Proxy.Pipeline;

/// <summary>
/// Forwards one request to a cluster with the route's retry policy, as Envoy's router does:
/// - at most 1 + attempts tries, each on a host not tried before when one is left;
/// - every try fits in the route timeout (504 UT when it runs out); a try may have its own perTryTimeout;
/// - a retriable response is held back (never reaches the caller) unless it is the last try;
/// - fully jittered exponential backoff between tries (base 25 ms, at most 10× base);
/// - the request body is buffered so it can be sent again.
/// </summary>
internal sealed class UpstreamAttempts(HttpContext context, RequestRecord record, ClusterRuntime cluster, Route route, WeightedCluster destination,
    RouteMatch? matched, RetryPolicy retry, TimeSpan? timeout, IHttpForwarder forwarder, RandomSource random, TimeProvider time, string? peerMetadata = null)
{
    private static readonly ForwarderRequestConfig Http1 = new() { ActivityTimeout = TimeSpan.FromMinutes(10) };

    // http2/grpc ports speak HTTP/2 to the upstream without TLS: prior knowledge (h2c), as Envoy does.
    private static readonly ForwarderRequestConfig Http2 = new()
    {
        ActivityTimeout = TimeSpan.FromMinutes(10),
        Version = System.Net.HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public async Task RunAsync()
    {
        // Cancellation sources only when a timeout asks for them: most routes have none (Istio's default).
        using var routeTimeout = timeout is { } t && t > TimeSpan.Zero ? new CancellationTokenSource(t, time) : null;
        using var routeLink = routeTimeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, routeTimeout.Token);
        var routeToken = routeLink?.Token ?? context.RequestAborted;
        if (retry.Attempts > 0 && HasBody(context.Request)) context.Request.EnableBuffering();
        var tried = retry.Attempts > 0 && retry.RetryOtherHosts ? new List<EndpointRuntime>(2) : null;
        var started = time.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var canRetry = attempt < retry.Attempts;
            var endpoint = cluster.Balancer.Pick(cluster.Usable, context, (IReadOnlyCollection<EndpointRuntime>?)tried ?? []);
            if (endpoint is null)
            {
                await Responder.Local(context, record, 503, ResponseFlags.NoHealthyUpstream, "no healthy upstream", "no_healthy_upstream");
                return;
            }
            tried?.Add(endpoint);
            record.UpstreamHost = endpoint.HostPort;
            record.Endpoint = endpoint.Spec;
            record.Attempts = attempt + 1;
            if (attempt > 0) await PrepareRetryAsync(attempt, routeToken);
            if (routeToken.IsCancellationRequested)
            {
                await TimedOutAsync(routeTimeout);
                return;
            }
            using var tryTimeout = retry.PerTryTimeout is { } perTry ? new CancellationTokenSource(perTry, time) : null;
            using var tryLink = tryTimeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(routeToken, tryTimeout.Token);
            var transformer = new ForwardingTransformer(route, destination, matched, retry, canRetry, AdmitRetry, time, time.GetTimestamp(),
                closeConnection: cluster.Spec.ConnectionPool.MaxRequestsPerConnection == 1,
                // Who we are goes only to another sidecar (it has a mesh identity, so the call is mTLS), never to a host outside the mesh.
                peerMetadata: endpoint.Spec.Identity is not null ? peerMetadata : null);
            ForwarderError error;
            endpoint.Begin();
            try
            {
                var requestConfig = cluster.Spec.Protocol is "http2" or "grpc" or "grpc-web" ? Http2 : Http1;
                error = await forwarder.SendAsync(context, endpoint.Prefix, endpoint.Invoker, requestConfig, transformer, tryLink?.Token ?? routeToken);
            }
            finally
            {
                endpoint.End();
            }
            record.UpstreamTime = time.GetElapsedTime(started);
            // A caller that went away says nothing about the host's health.
            if (!context.RequestAborted.IsCancellationRequested) cluster.Report(endpoint, transformer.UpstreamStatus ?? (error == ForwarderError.None ? 200 : null));
            if (error == ForwarderError.None && !transformer.Discarded) return;
            if (transformer.Discarded) continue; // retriable response held back, retry slot already taken
            if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
            {
                // Mid-body failure or the caller left: nothing more can be sent.
                record.Flag(context.RequestAborted.IsCancellationRequested ? ResponseFlags.DownstreamConnectionTermination : ResponseFlags.UpstreamConnectionTermination);
                return;
            }
            if (routeTimeout?.IsCancellationRequested == true)
            {
                await TimedOutAsync(routeTimeout);
                return;
            }
            var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
            var perTryTimedOut = tryTimeout?.IsCancellationRequested == true;
            var connectFailure = !perTryTimedOut && RetryConditions.IsConnectFailure(exception);
            var retriable = perTryTimedOut ? RetryConditions.OnPerTryTimeout(retry)
                : connectFailure ? RetryConditions.OnConnectFailure(retry)
                : RetryConditions.OnReset(retry);
            if (canRetry && retriable && AdmitRetry()) continue;
            if (attempt > 0 && retriable) record.Flag(ResponseFlags.RetryLimitExceeded);
            if (perTryTimedOut)
            {
                await Responder.Local(context, record, 504, ResponseFlags.UpstreamRequestTimeout, "upstream request timeout", "upstream_per_try_timeout");
            }
            else if (connectFailure)
            {
                await Responder.Local(context, record, 503, ResponseFlags.UpstreamConnectionFailure,
                    "upstream connect error or disconnect/reset before headers. reset reason: connection failure", "upstream_reset_before_response_started{connection_failure}");
            }
            else
            {
                await Responder.Local(context, record, 503, ResponseFlags.UpstreamRemoteReset,
                    "upstream connect error or disconnect/reset before headers. reset reason: connection termination", "upstream_reset_before_response_started{connection_termination}");
            }
            return;
        }
    }

    /// <summary>
    /// Takes a slot of the cluster's retry budget (maxRetries) for the next attempt; the slot is held until the
    /// request ends. Without a slot the request stops retrying, as Envoy's retry overflow does.
    /// </summary>
    private bool AdmitRetry()
    {
        if (!cluster.TryAdmitRetry()) return false;
        _retrySlots++;
        return true;
    }

    private int _retrySlots;

    /// <summary>Gives back the retry slots this request took.</summary>
    public void ReleaseRetries()
    {
        for (; _retrySlots > 0; _retrySlots--) cluster.ReleaseRetry();
    }

    private Task TimedOutAsync(CancellationTokenSource? routeTimeout) =>
        Responder.Local(context, record, 504, ResponseFlags.UpstreamRequestTimeout, "upstream request timeout", "response_timeout");

    /// <summary>Resets what the failed try left on the response, rewinds the body, and waits the backoff.</summary>
    private async Task PrepareRetryAsync(int attempt, CancellationToken token)
    {
        context.Response.Clear();
        context.Features.Set<IForwarderErrorFeature>(null);
        if (context.Request.Body.CanSeek) context.Request.Body.Position = 0;
        var ceiling = Math.Min(retry.BaseBackoff.TotalMilliseconds * ((1 << Math.Min(attempt, 16)) - 1), retry.BaseBackoff.TotalMilliseconds * 10);
        var wait = TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
        try
        {
            await Task.Delay(wait, time, token);
        }
        catch (OperationCanceledException)
        {
            // The route timeout or the caller ended the wait; the loop notices and answers.
        }
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
}
