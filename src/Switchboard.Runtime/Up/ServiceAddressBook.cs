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
/// </summary>
public sealed class ServiceAddressBook
{
    private readonly Dictionary<(string Namespace, string Name), int> _indexes = [];
    private readonly Lock _lock = new();

    /// <summary>The host names a pod in <paramref name="podNamespace"/> resolves, for the Services in <paramref name="resources"/>.</summary>
    public IReadOnlyDictionary<string, IPAddress> Hosts(IReadOnlyList<Resource> resources, string podNamespace, string clusterDomain = "cluster.local")
    {
        var hosts = new Dictionary<string, IPAddress>(StringComparer.Ordinal);
        foreach (var service in resources.OfType<Resource<ServiceSpec>>().OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            var (name, ns) = (service.Name, service.Namespace);
            var vip = NetworkLayout.ServiceAddress(IndexOf(ns, name));
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
