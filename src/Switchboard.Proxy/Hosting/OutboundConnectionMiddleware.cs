using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Switchboard.Proxy.Clusters;
using Switchboard.Proxy.Outbound;
using Switchboard.Proxy.Pipeline;
using Switchboard.Proxy.Runtime;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Hosting;

/// <summary>
/// What the outbound listener does before HTTP parsing. A connection capture redirected here (it has an original
/// destination) is <see cref="CapturedOutbound"/>'s: protocol by the destination port's declaration or by sniffing, opaque
/// TCP and TLS forwarded there, HTTP handed on. A caller that dialled the proxy itself is an explicit proxy client, told
/// apart by its connection's first bytes:
/// - <c>PRI * HTTP/2.0</c> (HTTP/2 with prior knowledge, h2c): Kestrel cannot offer it next to HTTP/1.1 on a
///   cleartext port, so the connection is relayed to an internal HTTP/2-only listener on loopback that serves
///   the same outbound pipeline (one extra loopback hop, for h2c connections only);
/// - anything but <c>CONNECT </c>: HTTP/1.1, untouched.
/// HTTP CONNECT is handled here too (Kestrel does not tunnel HTTP/1.1 CONNECT):
/// 1. peek at the connection's first bytes;
/// 2. read the request head (at most 8 KiB), take the authority (<c>payment-service.production:8080</c>);
/// 3. on a TCP port, pick a cluster by the service's L4 route weights; on an HTTP port, take the service's
///    default cluster; unknown → 404 (the proxy never dials an address
///    the mesh does not know through a tunnel);
/// 4. connect through the <see cref="OpaqueTcpForwarder"/> (mTLS to mesh endpoints), answer 200, and relay until either closes.
/// </summary>
internal sealed class OutboundConnectionMiddleware(ConnectionDelegate next, ConfigHolder config, RandomSource random, TextWriter log, Func<int> h2RelayPort,
    OpaqueTcpForwarder forwarder, CapturedOutbound captured, OriginalDestinationReader originalDestination, OutboundRelayClaims relayClaims)
{
    private const int MaxHead = 8192;
    private static readonly byte[] Connect = "CONNECT "u8.ToArray();
    private static readonly byte[] Http2Preface = "PRI * HT"u8.ToArray();
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        var original = originalDestination(connection);
        try
        {
            if (original is not null) await CapturedAsync(connection, original);
            else await HandleAsync(connection);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ConnectionResetException)
        {
            // The client went away before it was served: nothing to do.
        }
        catch (Exception ex)
        {
            // A connection's failure ends that connection, never the listener.
            lock (log) log.WriteLine($"\"{(original is null ? "CONNECT" : "captured " + original)}\" connection error: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task CapturedAsync(ConnectionContext connection, System.Net.IPEndPoint original)
    {
        // The HTTP pipeline reads it too: route table by the original port, passthrough to the original address.
        var feature = new OriginalDestinationFeature(original);
        connection.Features.Set(feature);
        var protocol = await captured.ServeAsync(connection, original, connection.LocalEndPoint!);
        if (protocol == SniffedProtocol.Http2) await RelayAsync(connection, h2RelayPort(), feature);
        else if (protocol == SniffedProtocol.Http1) await next(connection);
    }

    private async Task HandleAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var first = await input.ReadAtLeastAsync(Connect.Length, connection.ConnectionClosed);
        var start = first.Buffer.Length < Connect.Length ? [] : first.Buffer.Slice(0, Connect.Length).ToArray();
        input.AdvanceTo(first.Buffer.Start); // nothing consumed: the next layer reads these bytes again
        if (start.AsSpan().SequenceEqual(Http2Preface))
        {
            await RelayAsync(connection, h2RelayPort());
            return;
        }
        if (!start.AsSpan().SequenceEqual(Connect))
        {
            await next(connection);
            return;
        }
        var head = await ReadHeadAsync(input, connection.ConnectionClosed);
        var output = connection.Transport.Output;
        var authority = head?.Split(' ', 3) is [_, var target, _] ? target : null;
        var cluster = authority is null ? null : ClusterFor(authority);
        if (cluster is null)
        {
            await Reply(output, head is null ? "400 Bad Request" : "404 Not Found");
            Log(authority, head is null ? 400 : 404, head is null ? "-" : "NR", cluster?.Name, null);
            return;
        }
        await using var upstream = await forwarder.ConnectAsync(cluster, null, connection.ConnectionClosed);
        if (!upstream.Connected)
        {
            await Reply(output, "503 Service Unavailable");
            Log(authority, 503, upstream.Flags, cluster.Name, upstream.UpstreamHost);
            return;
        }
        await Reply(output, "200 Connection established", close: false);
        Log(authority, 200, "-", cluster.Name, upstream.UpstreamHost);
        await forwarder.RelayAsync(connection, upstream);
    }

    /// <summary>
    /// Copies a whole connection, unread bytes included, to the internal HTTP/2 listener on loopback; a captured one's
    /// original destination crosses with it (registered under the relay connection's local port).
    /// </summary>
    private async Task RelayAsync(ConnectionContext connection, int port, OriginalDestinationFeature? original = null)
    {
        using var relay = new TcpClient { NoDelay = true };
        relay.Client.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var local = ((System.Net.IPEndPoint)relay.Client.LocalEndPoint!).Port;
        if (original is not null) relayClaims.Register(local, original);
        try
        {
            await relay.ConnectAsync(System.Net.IPAddress.Loopback, port, connection.ConnectionClosed);
            await using var socket = relay.GetStream();
            var up = CopyUpAsync(connection.Transport.Input, socket, relay);
            var down = socket.CopyToAsync(connection.Transport.Output.AsStream(leaveOpen: true));
            await Task.WhenAll(up, down);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ConnectionResetException)
        {
            // Either side went away.
        }
        finally
        {
            relayClaims.Forget(local);
        }
    }

    /// <summary>Copies the caller's bytes up, then half-closes toward the relay.</summary>
    private static async Task CopyUpAsync(PipeReader input, Stream socket, TcpClient upstream)
    {
        await input.CopyToAsync(socket);
        upstream.Client.Shutdown(SocketShutdown.Send);
    }

    private ClusterRuntime? ClusterFor(string authority)
    {
        var colon = authority.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)) return null;
        var current = config.Current;
        if (current is null) return null;
        // An opaque-TCP port follows its L4 routes (weighted); an HTTP port tunnels to the service's default cluster.
        if (current.TcpService(port, authority) is { Routes: [var route, ..] })
            return WeightedPicker.Pick(route.Clusters, random) is { } chosen ? current.Cluster(chosen.Cluster) : null;
        var vhost = current.RouteTable(port)?.Find(authority);
        if (vhost is null) return null;
        var host = vhost.Name[..vhost.Name.LastIndexOf(':')];
        return current.Cluster(Cluster.NameOf(port, "", host));
    }

    /// <summary>Reads up to the blank line ending the request head; returns its first line, or null if malformed or too long.</summary>
    private static async Task<string?> ReadHeadAsync(PipeReader input, CancellationToken token)
    {
        while (true)
        {
            var result = await input.ReadAsync(token);
            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> head, EndOfHead))
            {
                // Decode before advancing: the pipe may reuse the buffer once consumed.
                var text = Encoding.ASCII.GetString(head.ToArray());
                input.AdvanceTo(reader.Position);
                return text.Split("\r\n")[0];
            }
            if (buffer.Length > MaxHead || result.IsCompleted)
            {
                input.AdvanceTo(buffer.End);
                return null;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static async Task Reply(PipeWriter output, string status, bool close = true)
    {
        var text = close ? $"HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n" : $"HTTP/1.1 {status}\r\n\r\n";
        await output.WriteAsync(Encoding.ASCII.GetBytes(text));
        await output.FlushAsync();
    }

    private void Log(string? authority, int status, string flags, string? cluster, string? upstreamHost)
    {
        lock (log) log.WriteLine($"\"CONNECT {authority ?? "-"} HTTP/1.1\" {status} {flags} \"{upstreamHost ?? "-"}\" {cluster ?? "-"}");
    }
}
