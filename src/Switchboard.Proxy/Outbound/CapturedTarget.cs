using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Switchboard.Proxy.Runtime;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Outbound;

/// <summary>
/// What the mesh knows about a captured connection's original destination, looked up as Istio's sidecar does — by
/// address and port (a service VIP is among its domains), since a connection carries no Host header:
/// - an opaque-TCP service on that VIP and port (its L4 routes), or
/// - an HTTP or undeclared port of a service (its host, and the protocol the port declares, null when sniffed), or
/// - nothing: an unknown destination (outboundTrafficPolicy decides).
/// A TLS connection to an address the mesh does not know can still name a service by SNI (<see cref="BySni"/>): that is
/// how a ServiceEntry host without an address is reached.
/// </summary>
internal readonly record struct CapturedTarget(TcpService? Tcp, string? ServiceHost, string? DeclaredProtocol)
{
    public bool Known => Tcp is not null || ServiceHost is not null;

    public static CapturedTarget Resolve(RuntimeConfig? current, IPEndPoint original)
    {
        if (current is null) return default;
        var port = original.Port;
        var authority = Authority(original);
        if (current.TcpService(port, authority) is { } tcp) return new(tcp, HostOf(tcp.Name), DefaultCluster(current, port, HostOf(tcp.Name))?.Spec.Protocol ?? "tcp");
        if (current.RouteTable(port)?.FindExact(authority) is { } vhost)
        {
            var host = HostOf(vhost.Name);
            return new(null, host, DefaultCluster(current, port, host)?.Spec.Protocol);
        }
        return default;
    }

    /// <summary>The opaque-TCP service on <paramref name="port"/> one of whose domains the SNI names (exact names before wildcards).</summary>
    public static TcpService? BySni(RuntimeConfig current, int port, string serverName) =>
        current.TcpService(port, serverName)
        ?? current.Source.TcpServices.FirstOrDefault(s => s.Port == port && s.Domains.Any(d => SniHost.Matches(d, serverName)));

    /// <summary>The service's cluster with no subset: where a port's traffic goes when no route says otherwise.</summary>
    public static Clusters.ClusterRuntime? DefaultCluster(RuntimeConfig current, int port, string host) => current.Cluster(Cluster.NameOf(port, "", host));

    private static string HostOf(string hostPort) => hostPort[..hostPort.LastIndexOf(':')];

    private static string Authority(IPEndPoint endpoint)
    {
        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        var text = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"{text}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
    }
}
