using Switchboard.Config;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Mesh;

/// <summary>The workloads a Gateway configures: its selector is matched in every namespace (Istio's default).</summary>
public static class GatewayWorkloads
{
    /// <summary>Selected workloads, or null when the Gateway has no selector (it then applies to every gateway).</summary>
    public static IReadOnlyList<Workload>? Of(MeshIndex mesh, Resource<GatewaySpec> gateway) =>
        gateway.Spec.Selector is { Count: > 0 } selector ? mesh.Select(null, selector).ToList() : null;
}
