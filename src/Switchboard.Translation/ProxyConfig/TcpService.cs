namespace Switchboard.Translation.ProxyConfig;

/// <summary>
/// One service on one opaque-TCP port (tcp, tls, https, mongo, mysql, redis): the authorities a CONNECT
/// tunnel or a captured connection (by its original destination's VIP, or by a TLS ClientHello's SNI) may name it by,
/// and its ordered L4 routes (VirtualService <c>tls</c> rules by SNI, then <c>tcp</c> rules, else one default).
/// </summary>
public sealed record TcpService
{
    /// <summary><c>host:port</c>, as virtual hosts are named.</summary>
    public required string Name { get; init; }

    public required int Port { get; init; }
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>First applicable route wins; every route here already applies to this proxy and port.</summary>
    public IReadOnlyList<L4Route> Routes { get; init; } = [];
}

/// <summary>
/// An L4 route: weighted clusters, no per-request matching (a connection has no headers); a route from a VirtualService
/// <c>tls</c> rule applies only to connections whose TLS ClientHello names one of its SNI hosts.
/// </summary>
public sealed record L4Route
{
    public string Name { get; init; } = "default";
    public string? VirtualService { get; init; }

    /// <summary>SNI hosts (exact or <c>*.suffix</c>) this route is limited to; empty: every connection.</summary>
    public IReadOnlyList<string> SniHosts { get; init; } = [];

    public IReadOnlyList<WeightedCluster> Clusters { get; init; } = [];
}
