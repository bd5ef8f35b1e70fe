using System.Net;
using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using Switchboard.Runtime.Network;

namespace Switchboard.Runtime.Up;

/// <summary>
/// Service VIPs (198.19.0.0/16) for the pods' hosts files, and the host names that resolve to them (<c>svc</c> in the
/// pod's own namespace, <c>svc.ns</c>, <c>svc.ns.svc</c>, <c>svc.ns.svc.cluster.local</c>). Any address works — the
/// sidecar captures it and routes by name — but a Service keeps its VIP for the whole run: a Service applied later gets
/// the next one, so the hosts files of pods already running stay right when they are rewritten with it.
/// A VIP leads somewhere only through a sidecar's capture: this runtime has no kube-proxy to route it. A pod without a
/// proxy (uninjected, as the seed's mtls-debug-pod) resolves a Service name instead to one of its Running endpoints, as
/// a headless Service's DNS would answer — so its plain-text call reaches a real pod (whose sidecar decides what to do
/// with it) rather than going out of the bridge towards an address nobody has.
/// </summary>
public sealed class ServiceAddressBook
{
    private readonly Dictionary<(string Namespace, string Name), int> _indexes = [];
    private readonly Lock _lock = new();

    /// <summary>
    /// The host names a pod in <paramref name="podNamespace"/> resolves, for the Services in <paramref name="resources"/>:
    /// to their VIPs for a pod whose traffic goes through a proxy (<paramref name="viaProxy"/>), else to an endpoint.
    /// </summary>
    public IReadOnlyDictionary<string, IPAddress> Hosts(IReadOnlyList<Resource> resources, string podNamespace, bool viaProxy = true, string clusterDomain = "cluster.local")
    {
        var hosts = new Dictionary<string, IPAddress>(StringComparer.Ordinal);
        var pods = viaProxy ? [] : resources.OfType<Resource<PodBody>>().Where(p => p.Spec.Status is { Phase: "Running", PodIP: not null }).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        foreach (var service in resources.OfType<Resource<ServiceSpec>>().OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            var (name, ns) = (service.Name, service.Namespace);
            var vip = NetworkLayout.ServiceAddress(IndexOf(ns, name));
            if (!viaProxy)
            {
                // The first Running pod the selector picks (none: the name does not resolve, as a Service without endpoints).
                var endpoint = service.Spec.Selector is not { Count: > 0 } selector ? null
                    : pods.FirstOrDefault(p => p.Namespace == ns && selector.All(s => p.Labels.GetValueOrDefault(s.Key) == s.Value));
                if (endpoint is null || !IPAddress.TryParse(endpoint.Spec.Status!.PodIP, out var address)) continue;
                vip = address;
            }
            foreach (var host in new[] { $"{name}.{ns}", $"{name}.{ns}.svc", $"{name}.{ns}.svc.{clusterDomain}" }) hosts[host] = vip;
            if (ns == podNamespace) hosts[name] = vip;
        }
        // ServiceEntry hosts resolve as DNS (or Istio's DNS proxy) would answer: a declared address, else the first static
        // endpoint's. Wildcard hosts and DNS-resolved entries without either are left to the machine's own resolver.
        foreach (var entry in resources.OfType<Resource<Switchboard.Config.Networking.ServiceEntrySpec>>().OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            var address = entry.Spec.Addresses.Concat(entry.Spec.Endpoints.Select(e => e.Address ?? "")).Select(a => IPAddress.TryParse(a, out var ip) ? ip : null).OfType<IPAddress>().FirstOrDefault();
            if (address is null) continue;
            foreach (var host in entry.Spec.Hosts.Where(h => !h.Contains('*', StringComparison.Ordinal))) hosts.TryAdd(host, address);
        }
        return hosts;
    }

    private int IndexOf(string ns, string name)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue((ns, name), out var index)) _indexes[(ns, name)] = index = _indexes.Count;
            return index;
        }
    }
}
