namespace Switchboard.Translation.ProxyConfig;

/// <summary>Load-balancing algorithms (LEAST_CONN compiles to LeastRequest, as in Istio).</summary>
public enum LbAlgorithm { LeastRequest, RoundRobin, Random, Passthrough, ConsistentHash }

/// <summary>
/// Where a cluster's upstream addresses come from: its endpoint list; DNS names in its endpoint list, resolved when
/// connecting (ServiceEntry <c>resolution: DNS</c>); or the connection's original destination (<c>resolution: NONE</c>,
/// or load balancer <c>PASSTHROUGH</c>), which has no endpoints.
/// </summary>
public enum ClusterDiscovery { Endpoints, Dns, OriginalDestination }

/// <summary>The consistent-hash ring: ring hash (Istio's default) or Maglev.</summary>
public enum HashAlgorithm { RingHash, Maglev }

/// <summary>
/// An upstream cluster, named as Istio names it: <c>outbound|8080|canary|payment-service.production.svc.cluster.local</c>.
/// Carries the fully resolved traffic policy (DestinationRule → subset → port-level, as Istio merges them).
/// </summary>
public sealed record Cluster
{
    public required string Name { get; init; }
    public required string Host { get; init; }
    public required int Port { get; init; }
    public string Subset { get; init; } = "";

    /// <summary><c>http</c>, <c>http2</c>, <c>grpc</c>, <c>tcp</c>, … or null when sniffed.</summary>
    public string? Protocol { get; init; }

    public LoadBalancing LoadBalancer { get; init; } = new();
    public ConnectionPool ConnectionPool { get; init; } = new();
    public OutlierPolicy? Outlier { get; init; }

    /// <summary>TLS toward the endpoints; null when no DestinationRule sets it (auto mTLS).</summary>
    public UpstreamTls? Tls { get; init; }

    public ClusterDiscovery Discovery { get; init; } = ClusterDiscovery.Endpoints;

    /// <summary><c>namespace/name</c> of the DestinationRule that shaped it, if any.</summary>
    public string? DestinationRule { get; init; }

    public static string NameOf(int port, string subset, string host) => $"outbound|{port}|{subset}|{host}";
}

/// <summary>The resolved load-balancing choice.</summary>
public sealed record LoadBalancing
{
    public LbAlgorithm Algorithm { get; init; } = LbAlgorithm.LeastRequest;

    /// <summary>For consistent hashing: what to hash (<c>header:x-user</c>, <c>cookie:name</c>, <c>source-ip</c>, <c>query:p</c>).</summary>
    public string? HashKey { get; init; }

    public TimeSpan? CookieTtl { get; init; }

    /// <summary>Path of a generated hash cookie.</summary>
    public string? CookiePath { get; init; }

    /// <summary>For consistent hashing: ring hash (default) or Maglev.</summary>
    public HashAlgorithm? HashAlgorithm { get; init; }

    /// <summary>Minimum ring size (ring hash, default 1024) or table size (Maglev, default 65537).</summary>
    public long? HashTableSize { get; init; }
}

/// <summary>Connection pool limits (Istio's defaults are effectively unlimited).</summary>
public sealed record ConnectionPool
{
    public long MaxConnections { get; init; } = uint.MaxValue;
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public long MaxPendingRequests { get; init; } = uint.MaxValue;
    public long MaxRequests { get; init; } = uint.MaxValue;
    public int MaxRequestsPerConnection { get; init; }
    public long MaxRetries { get; init; } = uint.MaxValue;
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>Passive health checking (Envoy outlier detection as Istio configures it).</summary>
public sealed record OutlierPolicy
{
    public int Consecutive5xxErrors { get; init; } = 5;
    public int ConsecutiveGatewayErrors { get; init; }
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan BaseEjectionTime { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxEjectionPercent { get; init; } = 10;
    public int MinHealthPercent { get; init; }
}

/// <summary>The endpoints of one cluster.</summary>
public sealed record ClusterEndpoints
{
    public required string Cluster { get; init; }
    public IReadOnlyList<Endpoint> Endpoints { get; init; } = [];
}

/// <summary>One upstream address with the labels and identity of the workload behind it.</summary>
public sealed record Endpoint
{
    public required string Address { get; init; }
    public required int Port { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string? ServiceAccount { get; init; }
    public int Weight { get; init; } = 1;

    /// <summary>The workload (Pod or WorkloadEntry) this endpoint belongs to, <c>namespace/name</c>.</summary>
    public string? Workload { get; init; }

    /// <summary>
    /// The SPIFFE ID the endpoint's sidecar presents; set only when a sidecar serves it, which is what makes auto mTLS
    /// originate ISTIO_MUTUAL to it (Istio's <c>security.istio.io/tlsMode: istio</c>) and what secure naming checks.
    /// </summary>
    public string? Identity { get; init; }
}
