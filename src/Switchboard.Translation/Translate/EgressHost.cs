using Switchboard.Model;

namespace Switchboard.Translation.Translate;

/// <summary>
/// One <c>namespace/dnsName</c> entry of a Sidecar egress listener (reference/istio-api.md §1.6). The namespace is
/// <c>*</c> (any), <c>.</c> (the namespace the Sidecar is applied in), <c>~</c> (none: <c>~/*</c> admits nothing) or a
/// namespace name; the dnsName is <c>*</c>, a <c>*.suffix</c> wildcard or a name.
/// </summary>
internal sealed record EgressHost
{
    /// <summary>The namespace an admitted service must be in; null means any.</summary>
    public string? Namespace { get; init; }

    /// <summary>True for entries that admit no service: <c>~/…</c>, and malformed ones (Istio skips those).</summary>
    public bool AdmitsNothing { get; init; }

    public string DnsName { get; init; } = "";

    /// <summary>
    /// Parses <paramref name="text"/>. <c>.</c> becomes <paramref name="appliedNamespace"/>, the proxy's namespace:
    /// for a Sidecar of that namespace it is the Sidecar's own, and a root-namespace default applied to another
    /// namespace means that namespace, as Istio's <c>./*</c> + <c>istio-system/*</c> mesh default relies on.
    /// </summary>
    public static EgressHost Parse(string text, string appliedNamespace)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1) return new EgressHost { AdmitsNothing = true };
        var ns = text[..slash];
        var dnsName = text[(slash + 1)..];
        // "~ns/host" (an exclusion in newer Istio) is not supported: like "~", it admits nothing.
        if (ns.StartsWith('~')) return new EgressHost { AdmitsNothing = true, DnsName = dnsName };
        return new EgressHost
        {
            Namespace = ns switch { "*" => null, "." => appliedNamespace, _ => ns },
            DnsName = dnsName,
        };
    }

    public bool Admits(ServiceModel service)
    {
        if (AdmitsNothing) return false;
        if (Namespace is not null && Namespace != service.Namespace) return false;
        if (NamesOf(service).Any(name => HostNames.Covers(DnsName, name))) return true;
        // A wildcard ServiceEntry (*.example.com) is what carries traffic to a name it covers (api.example.com).
        return service.Host.StartsWith("*.", StringComparison.Ordinal) && HostNames.Covers(service.Host, DnsName);
    }

    /// <summary>
    /// The names a dnsName may use for the service: its host, and for a Kubernetes Service also the short forms a
    /// client resolves through its DNS search path (<c>name</c>, <c>name.ns</c>, <c>name.ns.svc</c>).
    /// </summary>
    private static IEnumerable<string> NamesOf(ServiceModel service)
    {
        yield return service.Host;
        if (service.SourceKind != ServiceSourceKind.KubernetesService) yield break;
        yield return service.Name;
        yield return $"{service.Name}.{service.Namespace}";
        yield return $"{service.Name}.{service.Namespace}.svc";
    }
}
