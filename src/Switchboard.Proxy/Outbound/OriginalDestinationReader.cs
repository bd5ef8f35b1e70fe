using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Switchboard.Proxy.Outbound;

/// <summary>
/// Where a connection accepted on the outbound listener was going before capture redirected it, or null when it was not
/// redirected (a caller that dialled the proxy itself: an explicit proxy request or CONNECT).
/// </summary>
public delegate IPEndPoint? OriginalDestinationReader(ConnectionContext connection);

/// <summary>The kernel's answer: <c>SO_ORIGINAL_DST</c> on the accepted socket (DESIGN §3).</summary>
public static class SocketOriginalDestination
{
    public static IPEndPoint? Read(ConnectionContext connection)
    {
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket) return null;
        if (Switchboard.Runtime.Capture.OriginalDestination.Get(socket) is not { } original) return null;
        // A tracked connection that was not NATed reports its own local address: not captured.
        return Same(original, connection.LocalEndPoint as IPEndPoint) ? null : original;
    }

    private static bool Same(IPEndPoint original, IPEndPoint? local) =>
        local is not null && original.Port == local.Port
        && (original.Address.Equals(local.Address) || original.Address.Equals(local.Address.MapToIPv4()) || IPAddress.IsLoopback(original.Address) && IPAddress.IsLoopback(local.Address));
}
