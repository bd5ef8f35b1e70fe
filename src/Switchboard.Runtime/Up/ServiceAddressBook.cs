using System.Net;
using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using Switchboard.Config.Nodes;
using Switchboard.Runtime.Network;

namespace Switchboard.Runtime.Up;

/// <summary>
/// Service VIPs (198.19.0.0/16) for the pods' hosts files, and the host names that resolve to them (<c>svc</c> in the
/// pod's own namespace, <c>svc.ns</c>, <c>svc.ns.svc</c>, <c>svc.ns.svc.cluster.local</c>). A Service keeps its VIP for
/// the whole run: a Service applied later gets the next one, so the hosts files of pods already running stay right when
/// they are rewritten with it. The VIP is also written into the Service's <c>clusterIP</c>, as the API server allocates
/// one (<see cref="ClusterIpDocuments"/>): a sidecar knows a captured connection to it as that service's by address and
/// port, as Istio's does, instead of sniffing it as an unknown destination (a client slow to send its first bytes would
/// then go out through PassthroughCluster, towards an address nothing routes, and an opaque TCP port could not work).
/// A Service that declares its own <c>clusterIP</c> resolves to that.
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
            var vip = AddressOf(service);
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

    /// <summary>
    /// The Services in <paramref name="resources"/> that have no <c>clusterIP</c> yet, as documents to apply with their VIP
    /// filled in (the rest of each document as written). Headless (<c>None</c>) and ExternalName Services get none.
    /// </summary>
    public IReadOnlyList<string> ClusterIpDocuments(IReadOnlyList<Resource> resources)
    {
        var documents = new List<string>();
        foreach (var service in resources.OfType<Resource<ServiceSpec>>())
        {
            if (service.Spec.ClusterIP is { Length: > 0 } || service.Spec.ClusterIPs.Count > 0 || service.Spec.Type == "ExternalName") continue;
            var document = service.Source.Document;
            var at = document.Location;
            var spec = document.Get("spec") as MappingNode ?? new MappingNode(at, []);
            var address = new ScalarNode(at, NetworkLayout.ServiceAddress(IndexOf(service.Namespace, service.Name)).ToString(), ScalarType.String);
            var filled = new MappingNode(spec.Location, [.. spec.Entries, new(new ScalarNode(at, "clusterIP", ScalarType.String), address)]);
            var entries = document.Entries.Where(e => e.Key.Value != "spec").Append(new(new ScalarNode(at, "spec", ScalarType.String), filled)).ToList();
            documents.Add(ConfigNodeWriter.ToYaml(new MappingNode(at, entries)));
        }
        return documents;
    }

    /// <summary>The Service's declared clusterIP, else its VIP.</summary>
    private IPAddress AddressOf(Resource<ServiceSpec> service) =>
        IPAddress.TryParse(service.Spec.ClusterIP, out var declared) ? declared : NetworkLayout.ServiceAddress(IndexOf(service.Namespace, service.Name));

    private int IndexOf(string ns, string name)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue((ns, name), out var index)) _indexes[(ns, name)] = index = _indexes.Count;
            return index;
        }
    }
}
