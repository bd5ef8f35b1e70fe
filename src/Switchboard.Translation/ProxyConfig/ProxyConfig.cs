namespace Switchboard.Translation.ProxyConfig;

/// <summary>
/// Everything one proxy knows, produced by translation and swapped atomically by the proxy: who it is,
/// its route tables (per outbound port), clusters (<c>outbound|port|subset|host</c>) and their endpoints.
/// Immutable and deterministic: the same mesh and proxy always give an equal config (golden-tested).
/// </summary>
public sealed record ProxyConfig
{
    /// <summary>Unknown outbound destinations pass through (the mesh default).</summary>
    public const string AllowAny = "ALLOW_ANY";

    /// <summary>Only destinations in the proxy's scope are reachable.</summary>
    public const string RegistryOnly = "REGISTRY_ONLY";

    public required ProxyNode Node { get; init; }

    /// <summary>Outbound route tables, one per service port number, ordered by port.</summary>
    public IReadOnlyList<RouteTable> RouteTables { get; init; } = [];

    /// <summary>Opaque-TCP services, ordered by name (reached through CONNECT now, by original destination later).</summary>
    public IReadOnlyList<TcpService> TcpServices { get; init; } = [];

    /// <summary>Clusters ordered by name.</summary>
    public IReadOnlyList<Cluster> Clusters { get; init; } = [];

    /// <summary>Endpoints per cluster, ordered by cluster name.</summary>
    public IReadOnlyList<ClusterEndpoints> Endpoints { get; init; } = [];

    /// <summary>
    /// What happens to outbound traffic for destinations outside the proxy's scope: <see cref="AllowAny"/> or
    /// <see cref="RegistryOnly"/>, from the proxy's Sidecar (reference/istio-api.md §1.6).
    /// </summary>
    public string OutboundTrafficPolicy { get; init; } = AllowAny;

    /// <summary>
    /// MeshConfig <c>protocolDetectionTimeout</c> for captured connections to undeclared ports: zero waits for ever, null
    /// leaves the proxy's default.
    /// </summary>
    public TimeSpan? ProtocolDetectionTimeout { get; init; }

    /// <summary>What the inbound side accepts (PeerAuthentication), for this proxy's own workload.</summary>
    public InboundPolicy Inbound { get; init; } = new();

    /// <summary>Metrics, access logs and traces for this proxy's workload (Telemetry API).</summary>
    public TelemetryPolicy Telemetry { get; init; } = new();

    /// <summary>In the gateway role: one listener per port of the Gateway servers that select this proxy (empty for sidecars).</summary>
    public IReadOnlyList<GatewayListener> GatewayListeners { get; init; } = [];
}

/// <summary>What a proxy is: a workload's sidecar, or a gateway at the mesh edge (Istio's <c>router</c>) serving Gateway resources.</summary>
public enum ProxyRole { Sidecar, Gateway }

/// <summary>The proxy's identity: the workload it fronts.</summary>
public sealed record ProxyNode
{
    public required string Namespace { get; init; }
    public required string Workload { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string ServiceAccount { get; init; } = "default";
    public string? Ip { get; init; }

    /// <summary>Sidecar (outbound and inbound listeners) or gateway (the listeners its Gateway resources declare).</summary>
    public ProxyRole Role { get; init; } = ProxyRole.Sidecar;

    /// <summary>The identity of the proxy beside <paramref name="workload"/> (a Pod, Deployment template or WorkloadEntry).</summary>
    public static ProxyNode For(Switchboard.Model.WorkloadModel workload) => new()
    {
        Namespace = workload.Namespace,
        Workload = workload.Name,
        Labels = workload.Labels,
        ServiceAccount = workload.ServiceAccount,
        Ip = workload.Ip,
    };
}
