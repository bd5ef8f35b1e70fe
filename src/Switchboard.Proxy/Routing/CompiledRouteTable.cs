using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Routing;

/// <summary>
/// One port's routes, indexed by domain: an exact authority lookup first, then the longest wildcard
/// suffix (<c>*.example.com</c>), then <c>*</c>. Built once per config.
/// </summary>
internal sealed class CompiledRouteTable
{
    private readonly Dictionary<string, CompiledVirtualHost> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Suffix, CompiledVirtualHost Host)> _wildcards = [];
    private CompiledVirtualHost? _catchAll;

    public CompiledRouteTable(RouteTable table)
    {
        Port = table.Port;
        foreach (var vhost in table.VirtualHosts)
        {
            var compiled = new CompiledVirtualHost(vhost);
            foreach (var domain in vhost.Domains)
            {
                if (domain == "*") _catchAll ??= compiled;
                else if (domain.StartsWith("*.", StringComparison.Ordinal)) _wildcards.Add((domain[1..], compiled));
                else _exact.TryAdd(domain, compiled);
            }
        }
        _wildcards.Sort((a, b) => b.Suffix.Length.CompareTo(a.Suffix.Length));
    }

    public int Port { get; }

    /// <summary>The virtual host serving <paramref name="authority"/> (with or without port), or null (404 NR).</summary>
    public CompiledVirtualHost? Find(string authority)
    {
        if (_exact.TryGetValue(authority, out var hit)) return hit;
        var host = StripPort(authority);
        if (!ReferenceEquals(host, authority) && _exact.TryGetValue(host, out hit)) return hit;
        foreach (var (suffix, vhost) in _wildcards)
        {
            if (host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return vhost;
        }
        return _catchAll;
    }

    /// <summary>The virtual host naming exactly this domain (no wildcard, no catch-all): how a captured connection's VIP is looked up.</summary>
    public CompiledVirtualHost? FindExact(string authority) => _exact.GetValueOrDefault(authority);

    private static string StripPort(string authority)
    {
        var colon = authority.LastIndexOf(':');
        return colon > 0 && authority.IndexOf(']') < colon ? authority[..colon] : authority;
    }
}

/// <summary>A virtual host with its routes compiled, in order.</summary>
internal sealed class CompiledVirtualHost(VirtualHost spec)
{
    public string Name { get; } = spec.Name;
    public bool HttpsRedirect { get; } = spec.HttpsRedirect;
    public CompiledRoute[] Routes { get; } = spec.Routes.Select(r => new CompiledRoute(r)).ToArray();
}
