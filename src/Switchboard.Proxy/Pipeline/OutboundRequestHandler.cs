using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Clusters;
using Switchboard.Proxy.Routing;
using Switchboard.Proxy.Runtime;
using Switchboard.Proxy.Telemetry;
using Switchboard.Proxy.Telemetry.Metrics;
using Switchboard.Translation.ProxyConfig;
using Yarp.ReverseProxy.Forwarder;

namespace Switchboard.Proxy.Pipeline;

/// <summary>
/// The outbound HTTP path of the sidecar (DESIGN.md §5, steps 2–5):
/// 1. find the route table for the destination port and the virtual host for the authority (a host outside the mesh:
///    <see cref="Passthrough"/>, by outboundTrafficPolicy);
/// 2. take the first route that matches (else 404 NR);
/// 3. answer redirects and direct responses locally;
/// 4. inject faults (delay DI, abort FI);
/// 5. pick a destination by weight, admit it through the cluster's pool (else 503 UO);
/// 6. forward, retrying as the route says within its timeout (504 UT, 503 UF/UH/URX on failure);
/// 7. log the request.
/// </summary>
internal sealed class OutboundRequestHandler(ConfigHolder config, IHttpForwarder forwarder, RandomSource random, TimeProvider time, AccessLog log,
    Mirroring mirroring, IstioMetrics metrics, Passthrough passthrough)
{
    public async Task HandleAsync(HttpContext context)
    {
        var record = new RequestRecord(time.GetUtcNow(), time.GetTimestamp());
        var bodies = CountBodies(config.Current) ? BodyCounters.Install(context) : null;
        context.Features.Set(record); // for the tracing layer around this handler (Telemetry/Tracing)
        try
        {
            await RouteAsync(context, record);
        }
        finally
        {
            Report(context, record, bodies);
        }
    }

    /// <summary>
    /// Whether this request's bodies are counted: not when the source reporter's metrics are all off and its access log
    /// writes nowhere, since nothing would read the counts (the wrapper streams are then left out of the body path).
    /// </summary>
    private bool CountBodies(RuntimeConfig? current) =>
        current is null || !current.Telemetry.Metrics.HttpOff(Reporter.Source) || !log.Silent(current.Telemetry.ClientLog);

    /// <summary>The request's access-log lines and source-reporter metrics, from one view of the finished request.</summary>
    private void Report(HttpContext context, RequestRecord record, BodyCounters? bodies)
    {
        var current = config.Current;
        var elapsed = time.GetElapsedTime(record.StartTimestamp);
        record.RequestBytes = bodies?.RequestBytes;
        record.ResponseBytes = bodies?.ResponseBytes;
        var view = new RequestAttributeView(context, record, false, null, elapsed, bodies?.RequestBytes ?? 0, bodies?.ResponseBytes ?? 0);
        log.Write(context, record, current?.Telemetry.ClientLog, view);
        // No metrics with them all off; nor for a request begun uncounted under such a config that changed since.
        if (current is null || bodies is null || current.Telemetry.Metrics.HttpOff(Reporter.Source)) return;
        var telemetry = current.Telemetry;
        var report = new HttpReport(Reporter.Source, telemetry.Self, EndpointWorkloads.Of(record.Endpoint), record.ClusterHost, bodies.Grpc,
            context.Response.StatusCode, bodies.Grpc ? RequestAttributeView.GrpcStatus(context) : null, record.Flags, "unknown",
            telemetry.Metrics.HasUpserts(Reporter.Source) ? telemetry.Metrics.Evaluate(Reporter.Source, view) : null);
        metrics.Record(report, elapsed.TotalMilliseconds, bodies.RequestBytes, bodies.ResponseBytes, bodies.RequestMessages, bodies.ResponseMessages);
    }

    private async Task RouteAsync(HttpContext context, RequestRecord record)
    {
        // The app is the first hop's caller: nothing it says in mesh-internal headers is passed on or believed.
        InternalHeaders.Strip(context.Request.Headers);
        var current = config.Current;
        var gateway = context.Features.Get<Gateway.GatewayRequestFeature>();
        CompiledVirtualHost? vhost;
        string authority;
        int port;
        if (gateway is not null)
        {
            // A gateway is the edge: its own authentication and authorization first (which also normalize the path, once).
            if (current is null || !await Gateway.GatewayAdmission.AdmitAsync(context, record, current)) return;
            (authority, port) = (context.Request.Host.Value ?? "", gateway.ServerPort);
            vhost = current!.GatewayListener(gateway.ListenPort)?.Find(gateway.Chain)?.Routes?.Find(authority);
            if (vhost is { HttpsRedirect: true })
            {
                await Gateway.GatewayAdmission.RedirectToHttpsAsync(context, record);
                return;
            }
        }
        else
        {
            if (!OutboundPath.TryNormalize(context, current?.Source.Inbound.PathNormalization))
            {
                await Responder.Local(context, record, 400, null, "Bad Request", "path_normalization_failed");
                return;
            }
            (authority, port) = Destination.Of(context);
            vhost = current?.RouteTable(port)?.Find(authority);
        }
        RouteMatch? matched = null;
        CompiledRoute? route = null;
        foreach (var candidate in vhost?.Routes ?? [])
        {
            if (!candidate.TryMatch(context.Request, port, out matched)) continue;
            route = candidate;
            break;
        }
        if (current is not null && vhost is null && gateway is null && await passthrough.TryForwardAsync(context, record, current.Source.OutboundTrafficPolicy)) return;
        if (current is null || route is null)
        {
            await Responder.Local(context, record, 404, ResponseFlags.NoRoute, "", "route_not_found");
            return;
        }
        var spec = route.Route;
        record.RouteName = spec.Name;
        if (spec.Cors is { } cors && await CorsHandler.ApplyAsync(context, cors, route.CorsOrigins)) return;
        if (spec.DirectResponse is { } direct)
        {
            await LocalActions.Direct(context, direct);
            return;
        }
        if (spec.Redirect is { } redirect)
        {
            await LocalActions.Redirect(context, redirect, matched);
            return;
        }
        if (spec.Fault is { } fault && await Faults.ApplyAsync(context, record, fault, random, time)) return;
        if (spec.Forward is not { } forward || WeightedPicker.Pick(forward.Clusters, random) is not { } destination)
        {
            await Responder.Local(context, record, 503, ResponseFlags.NoClusterFound, "no healthy upstream", "cluster_not_found");
            return;
        }
        if (current.Cluster(destination.Cluster) is not { } cluster)
        {
            await Responder.Local(context, record, 503, ResponseFlags.NoClusterFound, "no healthy upstream", "cluster_not_found");
            return;
        }
        record.Cluster = cluster.Name;
        record.ClusterHost = cluster.Spec.Host;
        await mirroring.StartAsync(context, forward, current);
        if (!cluster.TryAdmit())
        {
            await Responder.Local(context, record, 503, ResponseFlags.UpstreamOverflow, "upstream connect error or disconnect/reset before headers. reset reason: overflow", "upstream_overflow");
            return;
        }
        try
        {
            // On a fault route Istio turns timeouts and retries off.
            var retry = spec.Fault is null ? forward.Retry : RetryPolicy.None;
            var timeout = spec.Fault is null ? forward.Timeout : null;
            var attempts = new UpstreamAttempts(context, record, cluster, spec, destination, matched, retry, timeout, forwarder, random, time,
                current.Telemetry.PeerMetadataHeader);
            try
            {
                await attempts.RunAsync();
            }
            finally
            {
                attempts.ReleaseRetries();
            }
        }
        finally
        {
            cluster.Release();
        }
    }
}
