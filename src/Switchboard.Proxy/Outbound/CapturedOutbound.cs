using System.Net;
using Microsoft.AspNetCore.Connections;
using Switchboard.Model;
using Switchboard.Proxy.Clusters;
using Switchboard.Proxy.Pipeline;
using Switchboard.Proxy.Runtime;
using Switchboard.Proxy.Telemetry;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Outbound;

/// <summary>
/// A connection iptables redirected to the outbound listener, by its original destination (DESIGN §5 step 2; Istio's
/// protocol selection, reference §5.5):
/// 1. look the destination up (<see cref="CapturedTarget"/>): an opaque-TCP service port, an HTTP or undeclared port, or unknown;
/// 2. choose the protocol: a port declared TCP (tcp, tls, https, mongo, …) is never sniffed — only a ClientHello's SNI is
///    read when its tls routes need it; a port declared HTTP goes to the HTTP pipeline; a server-first port (3306, …) is
///    opaque at once; anything else is sniffed within the detection timeout (HTTP/1.x, h2 preface, TLS, else TCP);
/// 3. HTTP (either version) is handed back to the caller for the HTTP pipeline, which routes by Host header;
/// 4. TLS and TCP are forwarded opaquely: by the service's L4 routes (the first whose SNI hosts match), by an SNI that
///    names a service, to an undeclared port's service cluster, or — unknown — through PassthroughCluster (ALLOW_ANY) or
///    closed by BlackHoleCluster (REGISTRY_ONLY), as Istio's sidecar does; one TCP access-log line when it ends.
/// </summary>
internal sealed class CapturedOutbound(ConfigHolder config, RandomSource random, OpaqueTcpForwarder forwarder, TcpAccessLog log, TimeProvider time,
    TimeSpan detectionTimeout)
{
    /// <summary>
    /// How long a port that is client-first by declaration (HTTP; TLS whose tls routes need the ClientHello's SNI) waits
    /// for the first bytes: a bound on a stalled client, not a guess about the protocol (Envoy's listener_filters_timeout, 15 s).
    /// </summary>
    private static readonly TimeSpan ClientFirstTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Serves opaque connections itself; returns <see cref="SniffedProtocol.Http1"/> or <see cref="SniffedProtocol.Http2"/>
    /// for the HTTP pipeline, anything else once the connection is done with.
    /// </summary>
    public async Task<SniffedProtocol> ServeAsync(ConnectionContext connection, IPEndPoint original, EndPoint listener)
    {
        var start = time.GetUtcNow();
        var startTimestamp = time.GetTimestamp();
        var current = config.Current;
        var target = CapturedTarget.Resolve(current, original);
        var input = connection.Transport.Input;
        FirstBytes.Detection detection;
        if (target.Tcp is { } tcp)
        {
            var needsSni = tcp.Routes.Any(r => r.SniHosts.Count > 0);
            detection = needsSni ? await FirstBytes.DetectAsync(input, ClientFirstTimeout, time, connection.ConnectionClosed) : new(SniffedProtocol.Opaque, null);
            // Declared opaque: whatever the bytes look like, they are not HTTP to us (bytes held at a timeout still go first).
            if (detection.Protocol != SniffedProtocol.Tls) detection = detection with { Protocol = SniffedProtocol.Opaque };
        }
        else if (Protocols.IsHttp(target.DeclaredProtocol))
        {
            // Client-first by declaration: the first bytes only tell HTTP/2's preface from HTTP/1.1. A client still silent
            // after the bound is Kestrel's to time out; one stalled mid-request-line is cut off (its bytes left the pipe).
            detection = await FirstBytes.DetectAsync(input, ClientFirstTimeout, time, connection.ConnectionClosed);
            if (detection.Held is { Length: > 0 }) return SniffedProtocol.Opaque;
            return detection.Protocol == SniffedProtocol.Http2 ? SniffedProtocol.Http2 : SniffedProtocol.Http1;
        }
        else if (ServerFirstPorts.Contains(original.Port))
        {
            detection = new(SniffedProtocol.Opaque, null);
        }
        else
        {
            // The mesh config's protocolDetectionTimeout when it sets one (zero: wait for ever, as Istio's default), else ours.
            var timeout = current?.Source.ProtocolDetectionTimeout is { } meshTimeout ? meshTimeout == TimeSpan.Zero ? (TimeSpan?)null : meshTimeout : detectionTimeout;
            detection = await FirstBytes.DetectAsync(input, timeout, time, connection.ConnectionClosed);
            if (detection.Protocol is SniffedProtocol.Http1 or SniffedProtocol.Http2) return detection.Protocol;
        }
        await ForwardAsync(connection, original, listener, current, target, detection, start, startTimestamp);
        return detection.Protocol;
    }

    private async Task ForwardAsync(ConnectionContext connection, IPEndPoint original, EndPoint listener, RuntimeConfig? current, CapturedTarget target,
        FirstBytes.Detection detection, DateTimeOffset start, long startTimestamp)
    {
        var serverName = detection.ServerName;
        var cluster = current is null ? null : ClusterFor(current, original, target, serverName);
        TcpUpstream upstream;
        if (cluster is not null)
        {
            upstream = await forwarder.ConnectAsync(cluster, original, connection.ConnectionClosed);
        }
        else if (current is not null && (target.Known || serverName is not null && CapturedTarget.BySni(current, original.Port, serverName) is not null))
        {
            // The mesh knows the destination but has no cluster for it (a route to a cluster not pushed yet): Envoy's NC.
            forwarder.RecordRefused(target.ServiceHost, ResponseFlags.NoClusterFound);
            log.Write(start, startTimestamp, ResponseFlags.NoClusterFound, 0, 0, null, "-", original, connection.RemoteEndPoint, serverName);
            return;
        }
        else if (current?.Source.OutboundTrafficPolicy == ProxyConfig.RegistryOnly || IsListener(original, listener))
        {
            // REGISTRY_ONLY: Istio's BlackHoleCluster has no endpoints, so the connection is closed with UH. A destination that
            // is this very listener would loop forever; it is refused the same way.
            forwarder.RecordRefused(null, ResponseFlags.NoHealthyUpstream, OpaqueTcpForwarder.BlackHoleCluster);
            log.Write(start, startTimestamp, ResponseFlags.NoHealthyUpstream, 0, 0, null, OpaqueTcpForwarder.BlackHoleCluster, original, connection.RemoteEndPoint, serverName);
            return;
        }
        else
        {
            upstream = await forwarder.PassthroughAsync(original, connection.ConnectionClosed);
        }
        await using (upstream)
        {
            if (!upstream.Connected)
            {
                log.Write(start, startTimestamp, upstream.Flags, 0, 0, upstream.UpstreamHost, upstream.ClusterName, original, connection.RemoteEndPoint, serverName);
                return;
            }
            var (received, sent) = await forwarder.RelayAsync(connection, upstream, detection.Held);
            log.Write(start, startTimestamp, "-", received, sent, upstream.UpstreamHost, upstream.ClusterName, original, connection.RemoteEndPoint, serverName);
        }
    }

    /// <summary>The cluster for an opaque connection, or null when the mesh has none for it.</summary>
    private ClusterRuntime? ClusterFor(RuntimeConfig current, IPEndPoint original, CapturedTarget target, string? serverName)
    {
        var tcp = target.Tcp ?? (serverName is null ? null : CapturedTarget.BySni(current, original.Port, serverName));
        if (tcp is not null)
        {
            var route = tcp.Routes.FirstOrDefault(r => r.SniHosts.Count == 0 || serverName is not null && r.SniHosts.Any(h => SniHost.Matches(h, serverName)));
            return route is not null && WeightedPicker.Pick(route.Clusters, random) is { } chosen ? current.Cluster(chosen.Cluster) : null;
        }
        // An undeclared port that turned out not to be HTTP: Istio's TCP proxy to the service's own cluster.
        return target.ServiceHost is { } host ? CapturedTarget.DefaultCluster(current, original.Port, host) : null;
    }

    private static bool IsListener(IPEndPoint original, EndPoint listener) =>
        listener is IPEndPoint self && original.Port == self.Port
        && (original.Address.Equals(self.Address) || IPAddress.IsLoopback(original.Address) || self.Address.Equals(IPAddress.Any) || self.Address.Equals(IPAddress.IPv6Any));
}
