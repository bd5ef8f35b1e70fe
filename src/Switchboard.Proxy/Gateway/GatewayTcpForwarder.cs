using System.Net;
using Microsoft.AspNetCore.Connections;
using Switchboard.Proxy.Outbound;
using Switchboard.Proxy.Pipeline;
using Switchboard.Proxy.Runtime;
using Switchboard.Proxy.Telemetry;

namespace Switchboard.Proxy.Gateway;

/// <summary>
/// Forwards a whole gateway connection at L4 (TCP servers, TLS PASSTHROUGH, TLS terminated to TCP): a cluster by the
/// chain's route weights, then the shared <see cref="OpaqueTcpForwarder"/> (the balancer's endpoint, mesh mTLS to an
/// endpoint with a sidecar — a passthrough client's own TLS then travels inside it, as through Istio's gateways — TCP
/// metrics) and one TCP access-log line when it ends.
/// </summary>
internal sealed class GatewayTcpForwarder(ConfigHolder config, RandomSource random, OpaqueTcpForwarder forwarder, TcpAccessLog log, TimeProvider time)
{
    /// <summary>Forwards <paramref name="connection"/>'s transport as it is (raw for passthrough, decrypted when TLS ended here).</summary>
    public async Task ForwardAsync(ConnectionContext connection, CompiledGatewayChain chain, string? serverName)
    {
        var start = time.GetUtcNow();
        var startTimestamp = time.GetTimestamp();
        var local = connection.LocalEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.Any, chain.Listener.Port);
        var cluster = chain.Spec.TcpRoutes is [var route, ..] && WeightedPicker.Pick(route.Clusters, random) is { } picked ? config.Current?.Cluster(picked.Cluster) : null;
        if (cluster is null)
        {
            forwarder.RecordRefused(null, ResponseFlags.NoClusterFound);
            log.Write(start, startTimestamp, ResponseFlags.NoClusterFound, 0, 0, null, "-", local, connection.RemoteEndPoint, serverName);
            return;
        }
        await using var upstream = await forwarder.ConnectAsync(cluster, null, connection.ConnectionClosed);
        if (!upstream.Connected)
        {
            log.Write(start, startTimestamp, upstream.Flags, 0, 0, upstream.UpstreamHost, upstream.ClusterName, local, connection.RemoteEndPoint, serverName);
            return;
        }
        var (received, sent) = await forwarder.RelayAsync(connection, upstream);
        log.Write(start, startTimestamp, "-", received, sent, upstream.UpstreamHost, upstream.ClusterName, local, connection.RemoteEndPoint, serverName);
    }
}
