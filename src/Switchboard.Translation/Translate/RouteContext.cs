using Switchboard.Config.Networking;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>What route building reads for one proxy: the snapshot, the proxy, its visible services and built clusters.</summary>
internal sealed class RouteContext(MeshSnapshot snapshot, ProxyNode node, ProxyScope scope, IReadOnlyList<Cluster> clusters)
{
    private readonly Dictionary<string, Cluster> _clusters = clusters.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public MeshSnapshot Snapshot { get; } = snapshot;
    public ProxyNode Node { get; } = node;
    public ProxyScope Scope { get; } = scope;
    public VirtualServiceIndex VirtualServices { get; } = new(snapshot, node.Namespace);

    public Cluster? FindCluster(string name) => _clusters.GetValueOrDefault(name);
}

/// <summary>Route building for one route table: the context, the table's port, and the VirtualService whose gateways bind the rules.</summary>
internal sealed record RouteScope(RouteContext Context, int Port, RouteBinding Binding)
{
    public ProxyNode Node => Context.Node;
}
