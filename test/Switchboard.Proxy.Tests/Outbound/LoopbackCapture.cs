using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Switchboard.Proxy.Tests.Outbound;

/// <summary>
/// Stands in for iptables REDIRECT on loopback, where nothing is redirected: a test dials the proxy's outbound port from
/// a local port it first registers with the destination the "app" meant, and the proxy's original-destination reader
/// answers with it. Everything after that — sniffing, routing, dialling, relaying — is the proxy's real code.
/// (The real SO_ORIGINAL_DST path is covered end to end in a network namespace with real iptables.)
/// </summary>
public sealed class LoopbackCapture
{
    private readonly ConcurrentDictionary<int, IPEndPoint> _byClientPort = new();

    public IPEndPoint? Read(ConnectionContext connection) =>
        connection.RemoteEndPoint is IPEndPoint remote && _byClientPort.TryGetValue(remote.Port, out var destination) ? destination : null;

    /// <summary>A connection to the proxy that it will see as captured on its way to <paramref name="destination"/>.</summary>
    public async Task<TcpClient> ConnectAsync(int outboundPort, IPEndPoint destination)
    {
        var client = new TcpClient(new IPEndPoint(IPAddress.Loopback, 0)) { NoDelay = true };
        _byClientPort[((IPEndPoint)client.Client.LocalEndPoint!).Port] = destination;
        await client.ConnectAsync(IPAddress.Loopback, outboundPort);
        return client;
    }
}
