namespace Switchboard.Model;

/// <summary>Mesh-wide settings a snapshot is built with (Istio's defaults: cluster domain and root namespace).</summary>
public sealed record MeshOptions
{
    /// <summary>The DNS suffix of cluster services: <c>name.ns.svc.&lt;ClusterDomain&gt;</c>.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>Istio's root namespace: its DestinationRules (and Sidecars) are the mesh-wide fallback.</summary>
    public string RootNamespace { get; init; } = "istio-system";

    public static MeshOptions Default { get; } = new();
}
