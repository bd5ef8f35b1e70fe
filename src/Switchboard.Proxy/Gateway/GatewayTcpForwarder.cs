using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Switchboard.Proxy.Identity;
using Switchboard.Proxy.Pipeline;
using Switchboard.Proxy.Runtime;
using Switchboard.Proxy.Telemetry.Metrics;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Gateway;

/// <summary>
/// Forwards a whole connection at L4 for TCP servers and TLS PASSTHROUGH: a cluster by the route's weights, an endpoint
/// by its balancer, then bytes both ways until either side closes. Passthrough keeps the client's own TLS end to end
/// (the gateway never sees inside); a TCP server's connection to a mesh endpoint gets mesh mTLS, as any upstream does.
/// </summary>
internal sealed class GatewayTcpForwarder(ConfigHolder config, RandomSource random, IstioMetrics metrics, TextWriter log)
{
    public async Task ForwardAsync(Stream client, CompiledGatewayChain chain, string? serverName, CancellationToken token)
    {
        var current = config.Current;
        var target = $"{serverName ?? "-"}:{chain.Listener.ServerPort}";
        if (chain.Spec.TcpRoutes is not [var route, ..] || WeightedPicker.Pick(route.Clusters, random) is not { } picked || current?.Cluster(picked.Cluster) is not { } cluster)
        {
            Log(target, chain, "NR", null);
            return;
        }
        if (cluster.Balancer.Pick(cluster.Usable, new Microsoft.AspNetCore.Http.DefaultHttpContext(), []) is not { } endpoint)
        {
            Log(target, chain, "UH", cluster.Name);
            return;
        }
        using var upstream = new TcpClient { NoDelay = true };
        Stream stream;
        try
        {
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(token);
            connect.CancelAfter(cluster.Spec.ConnectionPool.ConnectTimeout);
            await upstream.ConnectAsync(endpoint.Spec.Address, endpoint.Spec.Port, connect.Token);
            stream = upstream.GetStream();
            var passthrough = chain.Spec.Tls is { Mode: GatewayTls.Passthrough };
            if (!passthrough && MeshTlsClient.Applies(cluster.Spec, endpoint.Spec, config.Identity))
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                await ssl.AuthenticateAsClientAsync(MeshTlsClient.For(cluster.Spec, cluster.Endpoints.Select(e => e.Spec).ToList(), config.Identity), connect.Token);
                stream = ssl;
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or AuthenticationException or IOException)
        {
            cluster.Report(endpoint, null);
            Log(target, chain, "UF", cluster.Name);
            return;
        }
        Log(target, chain, "-", cluster.Name);
        var series = metrics.Tcp(new TcpReport(Reporter.Source, current.Telemetry.Self, EndpointWorkloads.Of(endpoint.Spec), cluster.Spec.Host, "-", "unknown"));
        using var open = TcpCounting.Open(series);
        endpoint.Begin();
        try
        {
            await using var upstreamStream = stream;
            var up = CopyThenHalfCloseAsync(client, upstreamStream, upstream.Client, series, token);
            var down = TcpCounting.CopyAsync(upstreamStream, client, series, towardCaller: true, token);
            if (await Task.WhenAny(up, down) == up) await down;
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ConnectionResetException or ObjectDisposedException)
        {
            // Either side went away: the connection is over.
        }
        finally
        {
            endpoint.End();
        }
    }

    private static async Task CopyThenHalfCloseAsync(Stream from, Stream to, Socket socket, TcpSeries series, CancellationToken token)
    {
        await TcpCounting.CopyAsync(from, to, series, towardCaller: false, token);
        if (to is SslStream ssl) await ssl.ShutdownAsync();
        socket.Shutdown(SocketShutdown.Send);
    }

    private void Log(string target, CompiledGatewayChain chain, string flags, string? cluster)
    {
        lock (log) log.WriteLine($"[gateway] TCP {target} {flags} chain={chain.Spec.Name} \"{cluster ?? "-"}\"");
    }
}
