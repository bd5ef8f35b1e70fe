using Switchboard.Config.Networking;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>A cluster with what its endpoints are chosen from: the service port and the subset's labels.</summary>
internal sealed record ClusterPlan(Cluster Cluster, ServiceModel Service, IReadOnlyDictionary<string, string>? SubsetLabels);

/// <summary>
/// Builds the outbound clusters of every visible service port, named as Istio names them: <c>outbound|port||host</c>,
/// plus <c>outbound|port|subset|host</c> for each subset of the service's DestinationRule, each carrying the traffic
/// policy resolved by <see cref="TrafficPolicyMerger"/>. Clusters are built for every protocol (TCP ones too).
/// </summary>
internal static class ClusterBuilder
{
    public static IReadOnlyList<ClusterPlan> Build(ProxyScope scope, DestinationRuleLookup rules)
    {
        var plans = new List<ClusterPlan>();
        foreach (var service in scope.Services)
        {
            var rule = rules.Find(service);
            foreach (var port in service.Ports)
            {
                plans.Add(new ClusterPlan(Make(service, port, rule, subset: null), service, null));
                foreach (var subset in rule?.Subsets ?? [])
                {
                    plans.Add(new ClusterPlan(Make(service, port, rule, subset), service, subset.Labels));
                }
            }
        }
        return plans.DistinctBy(p => p.Cluster.Name).OrderBy(p => p.Cluster.Name, StringComparer.Ordinal).ToList();
    }

    private static Cluster Make(ServiceModel service, ServicePortModel port, ResolvedRule? rule, Subset? subset)
    {
        var policy = TrafficPolicyMerger.Merge(rule?.TrafficPolicy, subset?.TrafficPolicy, port.Number);
        var loadBalancer = LoadBalancerMapper.Map(policy.LoadBalancer);
        var subsetName = subset?.Name ?? "";
        return new Cluster
        {
            Name = Cluster.NameOf(port.Number, subsetName, service.Host),
            Host = service.Host,
            Port = port.Number,
            Subset = subsetName,
            Protocol = port.Protocol,
            LoadBalancer = loadBalancer,
            ConnectionPool = ConnectionPoolMapper.Map(policy.ConnectionPool),
            Outlier = OutlierMapper.Map(policy.OutlierDetection),
            Tls = TlsMapper.Map(policy.Tls),
            DestinationRule = rule?.Key,
            Discovery = DiscoveryOf(service, loadBalancer),
        };
    }

    private static ClusterDiscovery DiscoveryOf(ServiceModel service, LoadBalancing loadBalancer)
    {
        // PASSTHROUGH and resolution NONE both mean "connect where the caller was going" (Envoy ORIGINAL_DST).
        if (loadBalancer.Algorithm == LbAlgorithm.Passthrough) return ClusterDiscovery.OriginalDestination;
        return service.Resolution switch
        {
            ServiceEntryResolution.None when !HasEndpointSource(service) => ClusterDiscovery.OriginalDestination,
            ServiceEntryResolution.Dns or ServiceEntryResolution.DnsRoundRobin or ServiceEntryResolution.DynamicDns => ClusterDiscovery.Dns,
            _ => ClusterDiscovery.Endpoints,
        };
    }

    /// <summary>A resolution-NONE ServiceEntry that still lists or selects endpoints load-balances over them.</summary>
    private static bool HasEndpointSource(ServiceModel service) =>
        service.Selector is not null || ((ServiceEntrySpec)service.Source.SpecObject).Endpoints.Count > 0;
}
