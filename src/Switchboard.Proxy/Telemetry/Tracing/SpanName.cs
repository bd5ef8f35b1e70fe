using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// Span names as Istio's sidecars have them: the operation its route decorators set, <c>&lt;service host&gt;:&lt;port&gt;/*</c>
/// (<c>reviews.default.svc.cluster.local:9080/*</c>), on both sides of a hop, so a client span and the server span it
/// caused read alike in a trace view. Not Envoy's decorator-less default (<c>authority + path</c>): a name per path
/// makes one operation per URL (ids in paths) and the path is already in <c>http.url</c>.
/// - client side: the service host and port of the cluster the request was routed to;
/// - server side: the Host the caller used, widened to the full service name as Kubernetes DNS would have resolved it
///   from this namespace (our inbound config does not name the service), with the Host's port, else the port it arrived on;
/// - a request that reached no cluster (404 NR, a passthrough): <c>&lt;authority&gt;/*</c>.
/// </summary>
internal static class SpanName
{
    public static string Of(ActivityKind kind, HttpContext context, RequestRecord record, string proxyNamespace)
    {
        var authority = context.Request.Host;
        if (kind == ActivityKind.Client)
        {
            return record.ClusterHost is { } host && PortOf(record.Cluster) is { } port ? $"{host}:{port}/*" : $"{authority.Value}/*";
        }
        if (!authority.HasValue) return $"{record.Cluster ?? "inbound"}/*";
        var inboundPort = authority.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? PortOf(record.Cluster);
        var name = DestinationService.Of(authority.Host, proxyNamespace) ?? authority.Host;
        return inboundPort is null ? $"{name}/*" : $"{name}:{inboundPort}/*";
    }

    /// <summary>The port field of an Istio cluster name (<c>outbound|9080|v1|reviews…</c>, <c>inbound|9080||</c>).</summary>
    private static string? PortOf(string? cluster)
    {
        if (cluster is null) return null;
        var first = cluster.IndexOf('|');
        if (first < 0) return null;
        var second = cluster.IndexOf('|', first + 1);
        return second > first + 1 ? cluster[(first + 1)..second] : null;
    }
}
