using System.Net;
using System.Net.Sockets;
using Switchboard.Model;

namespace Switchboard.Translation.Translate;

/// <summary>
/// The authorities a service answers to on one port, as Istio's sidecar names its virtual hosts: the FQDN; for a
/// Kubernetes Service also <c>name.ns</c> and <c>name.ns.svc</c>, and the bare <c>name</c> when the caller is in the
/// same namespace (that is what its DNS search path resolves); the VIP. Each with and without <c>:port</c>.
/// </summary>
internal static class DomainBuilder
{
    public static IReadOnlyList<string> For(ServiceModel service, int port, string proxyNamespace)
    {
        var names = new List<string> { service.Host };
        if (service.SourceKind == ServiceSourceKind.KubernetesService)
        {
            if (service.Namespace == proxyNamespace) names.Add(service.Name);
            names.Add($"{service.Name}.{service.Namespace}");
            names.Add($"{service.Name}.{service.Namespace}.svc");
        }
        var domains = new List<string>(names.Count * 2 + 2);
        foreach (var name in names)
        {
            domains.Add(name);
            domains.Add($"{name}:{port}");
        }
        if (service.Vip is { } vip)
        {
            domains.Add(vip);
            // An IPv6 literal takes brackets before a port (RFC 3986 §3.2.2).
            var bracketed = IPAddress.TryParse(vip, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{vip}]" : vip;
            domains.Add($"{bracketed}:{port}");
        }
        return domains.Distinct(StringComparer.Ordinal).ToList();
    }
}
