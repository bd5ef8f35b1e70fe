using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// One side of a request as telemetry labels describe it: workload, namespace, principal, app, version, canonical
/// service and revision, cluster. Built once per config for the proxy's own workload, per endpoint for a destination,
/// and from the caller's peer metadata on the inbound side.
/// </summary>
internal sealed record PeerWorkload(string? Workload, string? Namespace, string? Principal, string? App, string? Version,
    string? CanonicalService, string? CanonicalRevision, string? Cluster)
{
    /// <summary>Istio's default cluster id when the mesh does not name one.</summary>
    public const string DefaultCluster = "Kubernetes";

    public static readonly PeerWorkload Unknown = new(null, null, null, null, null, null, null, null);

    /// <summary>The proxy's own workload.</summary>
    public static PeerWorkload Of(ProxyNode node, string? principal)
    {
        var workload = WorkloadNames.Workload(node.Workload, node.Labels);
        return new(workload, node.Namespace, principal, WorkloadNames.App(node.Labels), WorkloadNames.Version(node.Labels),
            WorkloadNames.CanonicalService(node.Labels, workload), WorkloadNames.CanonicalRevision(node.Labels), DefaultCluster);
    }

    /// <summary>A destination endpoint (its workload is <c>ns/pod</c>; no workload: a host outside the mesh).</summary>
    public static PeerWorkload Of(Endpoint? endpoint)
    {
        if (endpoint?.Workload is not { } qualified || qualified.IndexOf('/') is not (> 0 and var slash)) return Unknown;
        var workload = WorkloadNames.Workload(qualified[(slash + 1)..], endpoint.Labels);
        return new(workload, qualified[..slash], Authorization.Requests.SpiffePrincipal.Of(endpoint.Identity), WorkloadNames.App(endpoint.Labels), WorkloadNames.Version(endpoint.Labels),
            WorkloadNames.CanonicalService(endpoint.Labels, workload), WorkloadNames.CanonicalRevision(endpoint.Labels), DefaultCluster);
    }
}
