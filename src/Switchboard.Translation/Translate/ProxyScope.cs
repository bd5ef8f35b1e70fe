using Switchboard.Model;

namespace Switchboard.Translation.Translate;

/// <summary>
/// The services one proxy can reach: those exported to its namespace and admitted by its Sidecar's egress listeners
/// (<see cref="EgressScope"/>, which may narrow a service to some of its ports), one per host. Scoping comes first, so
/// a host the Sidecar admits only in one namespace is served from there. When several services share a
/// host, Istio's sidecar scope keeps the one in the proxy's own namespace, else the first in registry order
/// (Kubernetes before ServiceEntries, then the oldest), which is what a ServiceEntry decorating a Service relies on.
/// </summary>
internal sealed class ProxyScope
{
    private readonly Dictionary<string, ServiceModel> _byHost;

    public ProxyScope(MeshSnapshot snapshot, string proxyNamespace, EgressScope egress)
    {
        _byHost = new Dictionary<string, ServiceModel>(StringComparer.Ordinal);
        foreach (var candidate in snapshot.Services)
        {
            if (!ExportTo.IsVisible(candidate.ExportTo, candidate.Namespace, proxyNamespace)) continue;
            if (egress.Admit(candidate) is not { } service) continue;
            if (!_byHost.TryGetValue(service.Host, out var chosen) || Prefer(service, chosen, proxyNamespace)) _byHost[service.Host] = service;
        }
        Services = _byHost.Values.OrderBy(s => s.Host, StringComparer.Ordinal).ToList();
    }

    /// <summary>Visible services, one per host, ordered by host.</summary>
    public IReadOnlyList<ServiceModel> Services { get; }

    /// <summary>The visible service registered under exactly <paramref name="host"/>.</summary>
    public ServiceModel? Find(string host) => _byHost.GetValueOrDefault(host);

    private static bool Prefer(ServiceModel candidate, ServiceModel chosen, string proxyNamespace)
    {
        var candidateLocal = candidate.Namespace == proxyNamespace;
        var chosenLocal = chosen.Namespace == proxyNamespace;
        if (candidateLocal != chosenLocal) return candidateLocal;
        if (candidate.SourceKind != chosen.SourceKind) return candidate.SourceKind < chosen.SourceKind;
        return candidate.Ordinal < chosen.Ordinal;
    }
}
