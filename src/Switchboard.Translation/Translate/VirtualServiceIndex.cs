using Switchboard.Model;

namespace Switchboard.Translation.Translate;

/// <summary>
/// The VirtualServices one sidecar uses: exported to its namespace, bound to <c>mesh</c>, with hosts (delegates have
/// none and are reached only through their root), oldest first so the oldest wins a contested host.
/// </summary>
internal sealed class VirtualServiceIndex(MeshSnapshot snapshot, string proxyNamespace)
{
    private readonly IReadOnlyList<VirtualServiceModel> _applicable = snapshot.VirtualServices
        .Where(v => v.Hosts.Count > 0)
        .Where(v => ExportTo.IsVisible(v.Spec.ExportTo, v.Namespace, proxyNamespace))
        .Where(v => GatewayBinding.AppliesToSidecars(v.Spec))
        .ToList();

    /// <summary>VirtualServices whose hosts (exact or wildcard) cover <paramref name="host"/>, oldest first.</summary>
    public IEnumerable<VirtualServiceModel> Covering(string host) =>
        _applicable.Where(v => v.Hosts.Any(h => HostNames.Covers(h, host)));
}
