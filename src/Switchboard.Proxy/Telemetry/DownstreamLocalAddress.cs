using System.Net;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Proxy.Telemetry;

/// <summary>
/// Envoy's downstream local address (<c>%DOWNSTREAM_LOCAL_ADDRESS%</c>, the <c>destination.address</c>/<c>.port</c>
/// attributes): where the caller was going, not the listener iptables redirected it to. A captured outbound
/// connection's original destination (the service VIP and port); inbound, the pod's address with the port the caller
/// asked for; else the listener's own address. The access log and Telemetry expressions read it from here alike.
/// </summary>
internal static class DownstreamLocalAddress
{
    public static IPEndPoint? Of(HttpContext context)
    {
        if (context.Features.Get<Outbound.OriginalDestinationFeature>() is { } captured) return new IPEndPoint(Plain(captured.Endpoint.Address), captured.Endpoint.Port);
        if (context.Connection.LocalIpAddress is not { } local) return null;
        var port = context.Features.Get<Inbound.PeerIdentityFeature>()?.DestinationPort ?? context.Connection.LocalPort;
        return new IPEndPoint(Plain(local), port);
    }

    /// <summary>As text, <c>address:port</c> (<c>-</c> when the connection has none, as Envoy prints a missing value).</summary>
    public static string Text(HttpContext context) => Of(context)?.ToString() ?? "-";

    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
