using Switchboard.Model;

namespace Switchboard.Translation.Translate;

/// <summary>
/// What a proxy's Sidecar lets it reach (reference/istio-api.md §1.6). A service is in scope when the hosts of some
/// egress listener admit it. A listener with a port admits only that port of the service (so the proxy gets the
/// route table, TCP service and clusters of that port alone); a listener without one, the catch-all, admits every
/// port. A service admitted by several listeners keeps the union of their ports. No Sidecar, or a Sidecar without
/// egress listeners, restricts nothing.
/// </summary>
internal sealed class EgressScope
{
    private readonly IReadOnlyList<Listener>? _listeners;

    private EgressScope(IReadOnlyList<Listener>? listeners) => _listeners = listeners;

    /// <summary>No restriction: every service exported to the proxy is in scope.</summary>
    public static EgressScope Unrestricted { get; } = new(null);

    /// <summary>The scope <paramref name="sidecar"/> gives a proxy of <paramref name="proxyNamespace"/>.</summary>
    public static EgressScope For(SidecarModel? sidecar, string proxyNamespace)
    {
        if (sidecar is null || sidecar.Spec.Egress.Count == 0) return Unrestricted;
        return new EgressScope(sidecar.Spec.Egress.Select(egress => new Listener(
            // Port 0 is a Unix-socket listener: it names no service port, so it narrows none.
            egress.Port is { Number: > 0 and var number } ? (int)number : null,
            egress.Hosts.Select(h => EgressHost.Parse(h, proxyNamespace)).ToList())).ToList());
    }

    /// <summary>The service as the proxy sees it, narrowed to the admitted ports; null when no listener admits it.</summary>
    public ServiceModel? Admit(ServiceModel service)
    {
        if (_listeners is null) return service;
        HashSet<int>? ports = null;
        foreach (var listener in _listeners)
        {
            if (!listener.Hosts.Any(h => h.Admits(service))) continue;
            if (listener.Port is not { } port) return service;
            (ports ??= []).Add(port);
        }
        if (ports is null) return null;
        var admitted = service.Ports.Where(p => ports.Contains(p.Number)).ToList();
        return admitted.Count == 0 ? null : service with { Ports = admitted };
    }

    private sealed record Listener(int? Port, IReadOnlyList<EgressHost> Hosts);
}
