using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Clusters;
using Switchboard.Proxy.Identity;
using Switchboard.Proxy.Runtime;
using Switchboard.Proxy.Telemetry;
using Switchboard.Proxy.Telemetry.Metrics;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Outbound;

/// <summary>
/// Opaque TCP toward an upstream, one implementation for CONNECT tunnels and captured connections:
/// 1. <see cref="ConnectAsync"/>: an endpoint the cluster's balancer picks (or, for an original-destination cluster, where
///    the app was going), dialled within the cluster's connect timeout, wrapped in mutual TLS when the endpoint runs a
///    sidecar (auto mTLS / ISTIO_MUTUAL, the same checks as HTTP); <see cref="PassthroughAsync"/>: the original destination
///    itself, plain, through Istio's <c>PassthroughCluster</c>;
/// 2. <see cref="RelayAsync"/>: bytes both ways until the upstream closes (the caller closing its side still lets the
///    upstream answer), counted live into Istio's TCP metrics as the source reporter.
/// </summary>
internal sealed class OpaqueTcpForwarder(ConfigHolder config, IstioMetrics metrics)
{
    public const string PassthroughCluster = "PassthroughCluster";
    public const string BlackHoleCluster = "BlackHoleCluster";

    /// <summary>Istio's connect timeout for PassthroughCluster (MeshConfig connectTimeout, 10 s).</summary>
    private static readonly TimeSpan PassthroughConnectTimeout = TimeSpan.FromSeconds(10);

    public async Task<TcpUpstream> ConnectAsync(ClusterRuntime cluster, IPEndPoint? original, CancellationToken token)
    {
        var timeout = cluster.Spec.ConnectionPool.ConnectTimeout;
        if (cluster.Spec.Discovery == ClusterDiscovery.OriginalDestination)
        {
            // resolution NONE / PASSTHROUGH: no endpoint list, the connection goes where the app sent it.
            if (original is null) return TcpUpstream.Failed(cluster.Name, cluster.Spec.Host, null, null, ResponseFlags.NoHealthyUpstream);
            return await DialAsync(cluster.Name, cluster.Spec.Host, null, original.Address.ToString(), original.Port, timeout, null, token);
        }
        if (cluster.Balancer.Pick(cluster.Usable, new DefaultHttpContext(), []) is not { } endpoint)
            return TcpUpstream.Failed(cluster.Name, cluster.Spec.Host, null, null, ResponseFlags.NoHealthyUpstream);
        var tls = MeshTlsClient.Applies(cluster.Spec, endpoint.Spec, config.Identity)
            ? MeshTlsClient.For(cluster.Spec, cluster.Endpoints.Select(e => e.Spec).ToList(), config.Identity, opaque: true)
            : null;
        var upstream = await DialAsync(cluster.Name, cluster.Spec.Host, endpoint, endpoint.Spec.Address, endpoint.Spec.Port, timeout, tls, token);
        if (!upstream.Connected) cluster.Report(endpoint, null);
        return upstream;
    }

    public Task<TcpUpstream> PassthroughAsync(IPEndPoint original, CancellationToken token) =>
        DialAsync(PassthroughCluster, null, null, original.Address.ToString(), original.Port, PassthroughConnectTimeout, null, token);

    /// <summary>
    /// Copies both ways until the upstream closes, <paramref name="held"/> (bytes already taken from the caller) first;
    /// returns the bytes received from and sent to the caller.
    /// </summary>
    public async Task<(long Received, long Sent)> RelayAsync(ConnectionContext connection, TcpUpstream upstream, byte[]? held = null)
    {
        var (client, stream) = (upstream.Client!, upstream.Stream!);
        var series = metrics.Tcp(Report(upstream.Endpoint, upstream.ServiceHost ?? upstream.ClusterName, "-", upstream.ServiceHost is null));
        using var open = TcpCounting.Open(series);
        upstream.Endpoint?.Begin();
        var totals = new TcpSeries();
        try
        {
            var up = CopyUpAsync(connection, held, stream, client, series, totals);
            var down = TcpCounting.CopyAsync(stream, connection.Transport.Output.AsStream(leaveOpen: true), series, towardCaller: true, totals);
            if (await Task.WhenAny(up, down) == up) await down;
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ConnectionResetException or ObjectDisposedException)
        {
            // Either side went away: the connection is over.
        }
        finally
        {
            upstream.Endpoint?.End();
        }
        return (Interlocked.Read(ref totals.Received), Interlocked.Read(ref totals.Sent));
    }

    /// <summary>
    /// A connection refused without dialling — a service with no cluster, or <paramref name="specialCluster"/>
    /// (BlackHoleCluster) — counted opened and closed with its flag, as Istio does.
    /// </summary>
    public void RecordRefused(string? serviceHost, string flags, string? specialCluster = null)
    {
        using var open = TcpCounting.Open(metrics.Tcp(specialCluster is null ? Report(null, serviceHost ?? "", flags, nameOnly: false) : Report(null, specialCluster, flags, nameOnly: true)));
    }

    private TcpReport Report(EndpointRuntime? endpoint, string service, string flags, bool nameOnly) =>
        // Istio labels passthrough and black-hole traffic destination_service "unknown", destination_service_name the cluster.
        new(Reporter.Source, config.Current?.Telemetry.Self ?? PeerWorkload.Unknown, EndpointWorkloads.Of(endpoint?.Spec),
            nameOnly ? null : service, flags, "unknown", nameOnly ? service : null);

    private static async Task<TcpUpstream> DialAsync(string cluster, string? host, EndpointRuntime? endpoint, string address, int port, TimeSpan timeout,
        SslClientAuthenticationOptions? tls, CancellationToken token)
    {
        var upstreamHost = address.Contains(':') ? $"[{address}]:{port}" : $"{address}:{port}";
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
            deadline.CancelAfter(timeout);
            await client.ConnectAsync(address, port, deadline.Token);
            Stream stream = client.GetStream();
            if (tls is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                try
                {
                    await ssl.AuthenticateAsClientAsync(tls, deadline.Token);
                }
                catch
                {
                    await ssl.DisposeAsync();
                    throw;
                }
                stream = ssl;
            }
            return TcpUpstream.Open(cluster, host, endpoint, upstreamHost, client, stream);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or AuthenticationException or IOException)
        {
            client.Dispose();
            return TcpUpstream.Failed(cluster, host, endpoint, upstreamHost, ResponseFlags.UpstreamConnectionFailure);
        }
    }

    /// <summary>The caller's bytes up (sniffed ones included: nothing was consumed), then a half-close (TLS close_notify first).</summary>
    private static async Task CopyUpAsync(ConnectionContext connection, byte[]? held, Stream upstream, TcpClient client, TcpSeries series, TcpSeries totals)
    {
        if (held is { Length: > 0 })
        {
            await upstream.WriteAsync(held);
            Interlocked.Add(ref series.Received, held.Length);
            Interlocked.Add(ref totals.Received, held.Length);
        }
        await TcpCounting.CopyAsync(connection.Transport.Input.AsStream(leaveOpen: true), upstream, series, towardCaller: false, totals);
        if (upstream is SslStream ssl) await ssl.ShutdownAsync();
        client.Client.Shutdown(SocketShutdown.Send);
    }
}
