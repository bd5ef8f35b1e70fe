using System.Net;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

using Switchboard.Authorization.Requests;
using Switchboard.Proxy.Telemetry.Metrics;

namespace Switchboard.Proxy.Inbound;

/// <summary>
/// Inbound requests, after the connection layer admitted them: forwarded to the app on 127.0.0.1 at the port the
/// caller was going to. Identity the caller claims in headers is never believed: any <c>x-forwarded-client-cert</c>
/// (and every other mesh-internal header, <see cref="Pipeline.InternalHeaders"/>) it sent are removed, and, for an mTLS caller, XFCC is set from the verified
/// certificate as Envoy's sidecars do (<c>By=</c> us, <c>Hash=</c>, <c>URI=</c> the caller's SPIFFE ID).
/// </summary>
internal sealed class InboundRequestHandler(IHttpForwarder forwarder, Runtime.ConfigHolder config, Telemetry.AccessLog log, TimeProvider time,
    IstioMetrics metrics)
{
    // A caller sends the same peer metadata, and callers the same Host, on every request: decoded once each.
    private readonly Telemetry.BoundedCache<(string? Principal, string? Header), PeerWorkload> _callers = new(c => PeerMetadata.Caller(c.Principal, c.Header));
    private readonly Telemetry.BoundedCache<(string Host, string Namespace), string?> _services = new(h => Telemetry.DestinationService.Of(h.Host, h.Namespace));

    private static readonly ForwarderRequestConfig Http1 = new() { ActivityTimeout = TimeSpan.FromMinutes(10) };
    private static readonly ForwarderRequestConfig Http2 = new()
    {
        ActivityTimeout = TimeSpan.FromMinutes(10),
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    // One pool to the local app for every inbound request: connections to it are reused.
    private readonly HttpMessageInvoker _app = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    }, disposeHandler: true);

    public async Task HandleAsync(HttpContext context)
    {
        var record = new Telemetry.RequestRecord(time.GetUtcNow(), time.GetTimestamp());
        var bodies = CountBodies(config.Current) ? BodyCounters.Install(context) : null;
        // Read before the internal headers are stripped: who the calling workload says it is (believed only under mTLS).
        var peer = context.Features.Get<PeerIdentityFeature>();
        var callerHeader = context.Request.Headers.TryGetValue(PeerMetadata.Header, out var values) && values.Count == 1 ? values[0] : null;
        context.Features.Set(record); // for the tracing layer around this handler (Telemetry/Tracing)
        try
        {
            await ForwardAsync(context, record);
        }
        finally
        {
            Report(context, record, bodies, peer, callerHeader);
        }
    }

    /// <summary>
    /// Whether this request's bodies are counted: not when the destination reporter's metrics are all off and its access
    /// log writes nowhere, since nothing would read the counts (the wrapper streams are then left out of the body path).
    /// </summary>
    private bool CountBodies(Runtime.RuntimeConfig? current) =>
        current is null || !current.Telemetry.Metrics.HttpOff(Reporter.Destination) || !log.Silent(current.Telemetry.ServerLog);

    /// <summary>The request's access-log lines and destination-reporter metrics, from one view of the finished request.</summary>
    private void Report(HttpContext context, Telemetry.RequestRecord record, BodyCounters? bodies, PeerIdentityFeature? peer, string? callerHeader)
    {
        var current = config.Current;
        var elapsed = time.GetElapsedTime(record.StartTimestamp);
        record.RequestBytes = bodies?.RequestBytes;
        record.ResponseBytes = bodies?.ResponseBytes;
        var principal = SpiffePrincipal.Of(peer?.SpiffeId);
        var view = new Telemetry.RequestAttributeView(context, record, principal is not null, principal, elapsed, bodies?.RequestBytes ?? 0, bodies?.ResponseBytes ?? 0);
        log.Write(context, record, current?.Telemetry.ServerLog, view);
        // No metrics with them all off; nor for a request begun uncounted under such a config that changed since.
        if (current is null || bodies is null || current.Telemetry.Metrics.HttpOff(Reporter.Destination)) return;
        var telemetry = current.Telemetry;
        var report = new HttpReport(Reporter.Destination, _callers.Get((principal, callerHeader)), telemetry.Self,
            _services.Get((context.Request.Host.Host, current.Source.Node.Namespace)), bodies.Grpc, context.Response.StatusCode,
            bodies.Grpc ? Telemetry.RequestAttributeView.GrpcStatus(context) : null, record.Flags, principal is not null ? "mutual_tls" : "none",
            telemetry.Metrics.HasUpserts(Reporter.Destination) ? telemetry.Metrics.Evaluate(Reporter.Destination, view) : null);
        metrics.Record(report, elapsed.TotalMilliseconds, bodies.RequestBytes, bodies.ResponseBytes, bodies.RequestMessages, bodies.ResponseMessages);
    }

    private async Task ForwardAsync(HttpContext context, Telemetry.RequestRecord record)
    {
        if (context.Features.Get<PeerIdentityFeature>() is not { } peer)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        Pipeline.InternalHeaders.Strip(context.Request.Headers);
        if (config.Current is not { } current)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        record.Cluster = $"inbound|{peer.DestinationPort}||";
        var access = await InboundAccessControl.CheckAsync(context, current, peer);
        record.Details = access.Details;
        if (!access.Admitted)
        {
            // Envoy flags an external authorizer's denial; an RBAC denial has no flag, only its details.
            if (access.Details?.StartsWith("ext_authz", StringComparison.Ordinal) == true) record.Flag("UAEX");
            context.Response.StatusCode = access.Status;
            context.Response.Headers["x-switchboard-details"] = access.Details;
            await context.Response.WriteAsync(access.Body ?? "");
            return;
        }
        if (peer.SpiffeId is { } caller)
        {
            context.Request.Headers["x-forwarded-client-cert"] = $"By={peer.LocalIdentity};Hash={peer.CertificateHash};Subject=\"\";URI={caller}";
        }
        // The app speaks the protocol its Service port declares: HTTP/2 (h2c prior knowledge) for http2 and grpc.
        var protocol = config.Current?.Source.Inbound.ProtocolOf(peer.DestinationPort);
        var toApp = protocol is "http2" or "grpc" or "grpc-web" ? Http2 : Http1;
        var error = await forwarder.SendAsync(context, $"http://127.0.0.1:{peer.DestinationPort}", _app, toApp, new NormalizedPathTransformer(access.Path!.PathAndQuery));
        if (error != ForwarderError.None && !context.Response.HasStarted) context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
    }
}
