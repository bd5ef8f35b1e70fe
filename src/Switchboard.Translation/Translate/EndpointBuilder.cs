using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// The endpoints of each cluster: the service port's endpoints, narrowed to a subset's labels for subset clusters
/// (an empty label set keeps them all). Ordered by address then port, as the snapshot orders them.
/// </summary>
internal static class EndpointBuilder
{
    public static IReadOnlyList<ClusterEndpoints> Build(MeshSnapshot snapshot, IReadOnlyList<ClusterPlan> plans) =>
        plans.Select(plan => new ClusterEndpoints
        {
            Cluster = plan.Cluster.Name,
            Endpoints = snapshot.EndpointsOf(plan.Service, plan.Cluster.Port)
                .Where(e => plan.SubsetLabels is null || Selector.Matches(plan.SubsetLabels, e.Labels))
                .Select(e => new Endpoint
                {
                    Address = e.Address,
                    Port = e.Port,
                    Labels = e.Labels,
                    ServiceAccount = e.ServiceAccount,
                    Weight = e.Weight,
                    Workload = e.Workload,
                    Identity = e.HasSidecar ? snapshot.Options.SpiffeId(NamespaceOf(e, plan.Service), e.ServiceAccount ?? "default") : null,
                })
                .ToList(),
        }).ToList();

    /// <summary>A workload's namespace (from <c>namespace/name</c>), else the service's (a ServiceEntry's inline endpoint).</summary>
    private static string NamespaceOf(EndpointModel endpoint, ServiceModel service) =>
        endpoint.Workload is { } key && key.IndexOf('/') is var slash and > 0 ? key[..slash] : service.Namespace;
}
