using Switchboard.Config;
using Switchboard.Config.Networking;

namespace Switchboard.Model.Building;

/// <summary>
/// Builds a snapshot's indexes in four steps:
/// 1. put resources in <see cref="ConfigOrder"/> (oldest first), so input order never matters;
/// 2. collect namespaces and workloads (needed to resolve short host names and to select endpoints);
/// 3. collect services and, per service port, their endpoints;
/// 4. resolve the hosts of VirtualServices and DestinationRules in their own namespaces, and index Sidecars.
/// </summary>
internal static class SnapshotBuilder
{
    public static SnapshotParts Build(IReadOnlyList<Resource> input, MeshOptions options)
    {
        var resources = input.Order(ConfigOrder.Instance).ToList();
        var hosts = new HostNames(options.ClusterDomain);

        var namespaces = resources.Select(r => r.Kind.Kind == "Namespace" ? r.Name : r.Namespace)
            .Where(ns => ns.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var namespaceSet = new HashSet<string>(namespaces, StringComparer.Ordinal);

        var namespaceLabels = resources.Where(r => r.Kind.Kind == "Namespace" && r.Kind.Group.Length == 0)
            .GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Labels, StringComparer.Ordinal);
        var workloads = resources.Select(r => WorkloadCollector.From(r, ns => namespaceLabels.GetValueOrDefault(ns))).OfType<WorkloadModel>()
            .OrderBy(w => w.Namespace, StringComparer.Ordinal).ThenBy(w => w.Name, StringComparer.Ordinal).ThenBy(w => w.Kind)
            .ToList();
        var workloadsByNamespace = workloads.GroupBy(w => w.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<WorkloadModel>)g.ToList(), StringComparer.Ordinal);
        var workloadsByKey = new Dictionary<string, WorkloadModel>(StringComparer.Ordinal);
        // A proxy names its workload by namespace/name: a Pod is the most specific, then a Deployment, then a WorkloadEntry.
        foreach (var w in workloads.OrderBy(w => w.Kind)) workloadsByKey.TryAdd(w.Key, w);

        var services = resources.SelectMany((r, i) => ServiceCollector.From(r, i, hosts)).ToList();
        var servicesByHost = services.GroupBy(s => s.Host, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            // Kubernetes' registry comes before ServiceEntries, as in Istio's aggregate registry; then the oldest.
            g => (IReadOnlyList<ServiceModel>)g.OrderBy(s => s.SourceKind).ThenBy(s => s.Ordinal).ToList(),
            StringComparer.Ordinal);
        IReadOnlyList<WorkloadModel> WorkloadsIn(string ns) => workloadsByNamespace.GetValueOrDefault(ns) ?? [];
        var endpoints = new Dictionary<(ServiceKey, int), IReadOnlyList<EndpointModel>>();
        foreach (var service in services)
        {
            foreach (var port in service.Ports)
            {
                var found = EndpointResolver.For(service, port, WorkloadsIn)
                    .OrderBy(e => e.Address, AddressOrder.Instance).ThenBy(e => e.Port).ToList();
                endpoints.TryAdd((service.Key, port.Number), found);
            }
        }

        bool IsNamespace(string ns) => namespaceSet.Contains(ns);
        var virtualServices = resources.Select((r, i) => (r, i))
            .Where(x => x.r is Resource<VirtualServiceSpec>)
            .Select(x => new VirtualServiceModel
            {
                Resource = (Resource<VirtualServiceSpec>)x.r,
                Hosts = ((Resource<VirtualServiceSpec>)x.r).Spec.Hosts.Select(h => hosts.Resolve(h, x.r.Namespace, IsNamespace)).ToList(),
                Ordinal = x.i,
            })
            .ToList();
        var rules = resources.Select((r, i) => (r, i))
            .Where(x => x.r is Resource<DestinationRuleSpec> { Spec.Host.Length: > 0 })
            .Select(x => new DestinationRuleModel
            {
                Resource = (Resource<DestinationRuleSpec>)x.r,
                Host = hosts.Resolve(((Resource<DestinationRuleSpec>)x.r).Spec.Host!, x.r.Namespace, IsNamespace),
                Ordinal = x.i,
            })
            .ToList();
        var sidecars = resources.Select((r, i) => (r, i))
            .Where(x => x.r is Resource<SidecarSpec>)
            .Select(x => new SidecarModel { Resource = (Resource<SidecarSpec>)x.r, Ordinal = x.i })
            .ToList();

        return new SnapshotParts
        {
            Options = options,
            Hosts = hosts,
            Namespaces = namespaces,
            Services = services.OrderBy(s => s.Host, StringComparer.Ordinal).ThenBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.SourceKind).ToList(),
            Workloads = workloads,
            VirtualServices = virtualServices,
            DestinationRules = rules,
            Sidecars = sidecars,
            ServicesByHost = servicesByHost,
            Endpoints = endpoints,
            WorkloadsByKey = workloadsByKey,
            WorkloadsByNamespace = workloadsByNamespace,
            RulesByNamespace = GroupList(rules, r => r.Namespace),
            RulesByHost = GroupList(rules, r => r.Host),
            VirtualServicesByKey = virtualServices.DistinctBy(v => v.Key).ToDictionary(v => v.Key, StringComparer.Ordinal),
            SidecarsByNamespace = GroupList(sidecars, s => s.Namespace),
            PeerAuthenticationsByNamespace = GroupList(resources.OfType<Resource<Config.Security.PeerAuthenticationSpec>>().ToList(), p => p.Namespace),
            AuthorizationPoliciesByNamespace = GroupList(resources.OfType<Resource<Config.Security.AuthorizationPolicySpec>>().ToList(), p => p.Namespace),
            RequestAuthenticationsByNamespace = GroupList(resources.OfType<Resource<Config.Security.RequestAuthenticationSpec>>().OrderBy(r => r, ConfigOrder.Instance).ToList(), p => p.Namespace),
            TelemetriesByNamespace = GroupList(resources.OfType<Resource<Config.Telemetry.TelemetrySpec>>().OrderBy(r => r, ConfigOrder.Instance).ToList(), t => t.Namespace),
            Gateways = resources.OfType<Resource<Config.Networking.GatewaySpec>>().OrderBy(r => r, ConfigOrder.Instance).ToList(),
            SecretsByKey = resources.OfType<Resource<Config.Kubernetes.SecretBody>>().DistinctBy(s => $"{s.Namespace}/{s.Name}")
                .ToDictionary(s => $"{s.Namespace}/{s.Name}", StringComparer.Ordinal),
        };
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<T>> GroupList<T>(IEnumerable<T> items, Func<T, string> key) =>
        items.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<T>)g.ToList(), StringComparer.Ordinal);
}
