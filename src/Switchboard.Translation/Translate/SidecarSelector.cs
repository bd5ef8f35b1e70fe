using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Finds the Sidecar that scopes a proxy, in Istio's order of preference (reference/istio-api.md §1.6):
/// 1. a Sidecar of the proxy's namespace whose workloadSelector matches the proxy's labels;
/// 2. the Sidecar of the proxy's namespace without a workloadSelector;
/// 3. the selector-less Sidecar of the root namespace, the mesh-wide default;
/// else none, and the proxy sees everything exported to it.
/// Where several qualify at one step (undefined in Istio, flagged by IST0110/IST0111) the oldest applies, in the
/// <see cref="ConfigOrder"/> the snapshot gives every other kind. A root-namespace Sidecar with a selector selects
/// only workloads of the root namespace, like any other Sidecar.
/// </summary>
internal static class SidecarSelector
{
    public static SidecarModel? For(MeshSnapshot snapshot, ProxyNode node)
    {
        var local = snapshot.SidecarsIn(node.Namespace);
        return local.FirstOrDefault(s => s.Selector is { } labels && Selector.Matches(labels, node.Labels))
            ?? local.FirstOrDefault(s => s.Selector is null)
            ?? snapshot.SidecarsIn(snapshot.Options.RootNamespace).FirstOrDefault(s => s.Selector is null);
    }
}
