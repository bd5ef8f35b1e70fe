namespace Switchboard.Translation.ProxyConfig;

/// <summary>
/// One service on one opaque-TCP port (tcp, tls, https, mongo, mysql, redis): the authorities a CONNECT
/// tunnel may name it by, and its ordered L4 routes (VirtualService <c>tcp</c> rules, else one default).
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

/// <summary>An L4 route: weighted clusters, no per-request matching (a connection has no headers).</summary>
public sealed record L4Route
{
    public string Name { get; init; } = "default";
    public string? VirtualService { get; init; }
    public IReadOnlyList<WeightedCluster> Clusters { get; init; } = [];
}
