using Switchboard.Model;

namespace Switchboard.Translation.Translate;

/// <summary>
/// The services one proxy can reach: those exported to its namespace, one per host. When several services share a
/// host, Istio's sidecar scope keeps the one in the proxy's own namespace, else the first in registry order
/// (Kubernetes before ServiceEntries, then the oldest), which is what a ServiceEntry decorating a Service relies on.
/// </summary>
internal sealed class ProxyScope
{
    private readonly Dictionary<string, ServiceModel> _byHost;

    public ProxyScope(MeshSnapshot snapshot, string proxyNamespace)
    {
        _byHost = new Dictionary<string, ServiceModel>(StringComparer.Ordinal);
        foreach (var service in snapshot.Services)
        {
            if (!ExportTo.IsVisible(service.ExportTo, service.Namespace, proxyNamespace)) continue;
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
