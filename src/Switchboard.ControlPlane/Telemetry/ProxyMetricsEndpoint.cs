using System.Net;
using Switchboard.ControlPlane.Discovery;

namespace Switchboard.ControlPlane.Telemetry;

/// <summary>
/// Where the control plane scrapes a connected proxy's <c>/stats/prometheus</c>: the port the proxy reported binding
/// (15090 if it reported none) on the workload's address — the pod's <c>status.podIP</c> from the store, else the
/// address the proxy gave. A proxy bound to one specific address is scraped there only when that is its workload's
/// address or loopback (a proxy on this machine), so no proxy can point the control plane at another host.
/// </summary>
public static class ProxyMetricsEndpoint
{
    /// <summary>Istio's metrics port (DESIGN.md §2), for proxies that did not say which port they bound.</summary>
    public const int DefaultPort = 15090;

    public static Uri? For(ProxyConnection connection)
    {
        var workload = connection.Self?.Ip is { Length: > 0 } fromStore ? fromStore : connection.Node.Ip;
        IPAddress.TryParse(workload, out var workloadAddress);
        if (!Uri.TryCreate(connection.Node.Metrics, UriKind.Absolute, out var bound) || bound.Scheme != Uri.UriSchemeHttp || !IPAddress.TryParse(bound.DnsSafeHost, out var host))
            return workloadAddress is null ? null : Url(workloadAddress, DefaultPort);
        if (host.Equals(IPAddress.Any) || host.Equals(IPAddress.IPv6Any)) return workloadAddress is null ? null : Url(workloadAddress, bound.Port);
        return IPAddress.IsLoopback(host) || host.Equals(workloadAddress) ? Url(host, bound.Port) : null;
    }

    private static Uri Url(IPAddress address, int port) => new UriBuilder(Uri.UriSchemeHttp, address.ToString(), port, "/stats/prometheus").Uri;
}
