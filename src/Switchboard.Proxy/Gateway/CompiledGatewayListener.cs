using Switchboard.Proxy.Routing;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Gateway;

/// <summary>
/// One gateway port compiled for serving: its chains, with route tables compiled, and the SNI lookup Envoy's filter
/// chain match does: an exact server name first, then the longest <c>*.suffix</c>, then a chain that names none.
/// </summary>
internal sealed class CompiledGatewayListener
{
    private readonly Dictionary<string, CompiledGatewayChain> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Suffix, CompiledGatewayChain Chain)> _wildcards = [];
    private readonly CompiledGatewayChain? _any;

    public CompiledGatewayListener(GatewayListener spec)
    {
        Spec = spec;
        Chains = spec.Chains.Select(c => new CompiledGatewayChain(c, spec)).ToArray();
        foreach (var chain in Chains)
        {
            if (chain.Spec.ServerNames.Count == 0) _any ??= chain;
            foreach (var name in chain.Spec.ServerNames)
            {
                if (name.StartsWith("*.", StringComparison.Ordinal)) _wildcards.Add((name[1..], chain));
                else _exact.TryAdd(name, chain);
            }
        }
        _wildcards.Sort((a, b) => b.Suffix.Length.CompareTo(a.Suffix.Length));
    }

    public GatewayListener Spec { get; }
    public CompiledGatewayChain[] Chains { get; }

    /// <summary>The chain for a connection that sent <paramref name="serverName"/> (null: no SNI), or null when none takes it.</summary>
    public CompiledGatewayChain? Select(string? serverName)
    {
        if (serverName is null) return _any;
        if (_exact.TryGetValue(serverName, out var chain)) return chain;
        foreach (var (suffix, wildcard) in _wildcards)
        {
            if (serverName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return wildcard;
        }
        return _any;
    }

    public CompiledGatewayChain? Find(string name) => Chains.FirstOrDefault(c => c.Spec.Name == name);
}

/// <summary>A chain with its route table compiled.</summary>
internal sealed class CompiledGatewayChain(GatewayChain spec, GatewayListener listener)
{
    public GatewayChain Spec { get; } = spec;
    public GatewayListener Listener { get; } = listener;
    public CompiledRouteTable? Routes { get; } = spec.Routes is { } table ? new CompiledRouteTable(table) : null;
}

/// <summary>
/// Set on every request a gateway listener accepted: which port and chain took the connection (looked up in the config
/// in force per request, so a connection that outlives a config change routes by the new one) and the server port
/// the Gateway named.
/// </summary>
internal sealed record GatewayRequestFeature(int ListenPort, string Chain, int ServerPort, bool Tls);
