namespace Switchboard.Translation.Translate.Gateways;

/// <summary>
/// One entry of a Gateway server's <c>hosts</c>: <c>[namespace/]dnsName</c> (reference/istio-api.md §1.3). The namespace
/// part says which VirtualServices may bind: <c>*</c> (the default) any, <c>.</c> the Gateway's own namespace, else that
/// namespace. The DNS name is exact, <c>*.suffix</c> or <c>*</c>.
/// </summary>
internal sealed record GatewayServerHost(string Namespace, string DnsName)
{
    public static GatewayServerHost Parse(string entry, string gatewayNamespace)
    {
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return new GatewayServerHost("*", entry.ToLowerInvariant());
        var ns = entry[..slash];
        return new GatewayServerHost(ns == "." ? gatewayNamespace : ns, entry[(slash + 1)..].ToLowerInvariant());
    }

    /// <summary>Whether a VirtualService of <paramref name="virtualServiceNamespace"/> may bind to this host.</summary>
    public bool Admits(string virtualServiceNamespace) => Namespace == "*" || Namespace == virtualServiceNamespace;

    /// <summary>
    /// The names both this host and <paramref name="virtualServiceHost"/> cover, the narrower of the two (Istio's
    /// gateway virtual host names): <c>*.example.com</c> and <c>api.example.com</c> meet in <c>api.example.com</c>; null
    /// when they do not meet.
    /// </summary>
    public string? Meet(string virtualServiceHost)
    {
        var other = virtualServiceHost.ToLowerInvariant();
        if (Switchboard.Model.HostNames.Covers(DnsName, other)) return other;
        if (Switchboard.Model.HostNames.Covers(other, DnsName)) return DnsName;
        return null;
    }
}
