using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Translate;

namespace Switchboard.Cli.TlsCheck;

/// <summary>
/// Builds <c>sbctl tls-check</c>'s rows for one pod, from what its proxy would be given, as istioctl reads a proxy's config:
/// 1. translate the pod's proxy config: the services it can reach (exportTo and its Sidecar applied) and, per service
///    port, the DestinationRule TLS that applies, found and merged exactly as translation does (the proxy's namespace,
///    the service's, the root namespace; port-level settings win);
/// 2. per service port (its subset-less cluster): the client mode, AUTO when no DestinationRule sets TLS, and no
///    proxy at all when the pod has no sidecar;
/// 3. the server side of every workload behind the port (<see cref="ServerSides"/>); the row conflicts when any does.
/// </summary>
public static class TlsChecker
{
    /// <summary>The rows for every reachable service port, or only those of <paramref name="host"/> (an FQDN), by host then port.</summary>
    public static IReadOnlyList<TlsCheckRow> Rows(MeshSnapshot snapshot, WorkloadModel pod, string? host = null)
    {
        var config = Translator.Translate(snapshot, ProxyNode.For(pod));
        var rows = new List<TlsCheckRow>();
        foreach (var cluster in config.Clusters.Where(c => c.Subset.Length == 0 && (host is null || c.Host == host)))
        {
            if (ServiceOf(snapshot, cluster.Host, cluster.Port, pod.Namespace) is not { } service) continue;
            var client = pod.HasSidecar ? ClientOf(cluster.Tls) : ClientTls.NoProxy;
            rows.Add(new TlsCheckRow(cluster.Host, cluster.Port, client, pod.HasSidecar ? cluster.DestinationRule : null, ServerSides.Of(snapshot, service, cluster.Port)));
        }
        return rows.OrderBy(r => r.Host, StringComparer.Ordinal).ThenBy(r => r.Port).ToList();
    }

    private static ClientTls ClientOf(UpstreamTls? tls) => tls?.Mode switch
    {
        null => ClientTls.Auto,
        UpstreamTlsMode.Simple => ClientTls.Simple,
        UpstreamTlsMode.Mutual => ClientTls.Mutual,
        UpstreamTlsMode.IstioMutual => ClientTls.IstioMutual,
        _ => ClientTls.Disable,
    };

    /// <summary>The service behind a cluster: the one visible to the pod's namespace with that port, its own namespace's first.</summary>
    private static ServiceModel? ServiceOf(MeshSnapshot snapshot, string host, int port, string podNamespace) =>
        snapshot.ServicesFor(host)
            .Where(s => s.FindPort(port) is not null && ExportTo.IsVisible(s.ExportTo, s.Namespace, podNamespace))
            .OrderBy(s => s.Namespace == podNamespace ? 0 : 1)
            .FirstOrDefault();
}
