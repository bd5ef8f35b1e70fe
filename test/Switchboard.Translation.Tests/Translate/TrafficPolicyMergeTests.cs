using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Translate;

/// <summary>DestinationRule → subset → portLevelSettings precedence, and how each policy part is mapped.</summary>
public sealed class TrafficPolicyMergeTests
{
    private const string Ledger = """
        apiVersion: v1
        kind: Service
        metadata: {name: ledger, namespace: production}
        spec:
          selector: {app: ledger}
          ports:
          - {name: http, port: 8080}
          - {name: http-admin, port: 9000}
        """;

    private const string LayeredRule = """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: ledger, namespace: production}
        spec:
          host: ledger
          trafficPolicy:
            loadBalancer: {simple: ROUND_ROBIN}
            connectionPool: {tcp: {maxConnections: 100}}
            outlierDetection: {consecutive5xxErrors: 7}
            portLevelSettings:
            - port: {number: 9000}
              connectionPool: {tcp: {maxConnections: 5}}
          subsets:
          - name: stable
            labels: {version: v1}
            trafficPolicy:
              loadBalancer: {simple: RANDOM}
          - name: canary
            labels: {version: v2}
            trafficPolicy:
              connectionPool: {tcp: {maxConnections: 50}}
              portLevelSettings:
              - port: {number: 8080}
                loadBalancer: {simple: LEAST_REQUEST}
        """;

    private const long Unlimited = uint.MaxValue;

    public static TheoryData<string, LbAlgorithm, long, int?> PrecedenceCases => new()
    {
        // Rule level.
        { "outbound|8080||ledger.production.svc.cluster.local", LbAlgorithm.RoundRobin, 100, 7 },
        // Rule port-level entry replaces all four parts: what it leaves out is back to defaults, not inherited.
        { "outbound|9000||ledger.production.svc.cluster.local", LbAlgorithm.LeastRequest, 5, null },
        // Subset overrides the parts it sets, on top of the rule (and its port-level entry, for 9000).
        { "outbound|8080|stable|ledger.production.svc.cluster.local", LbAlgorithm.Random, 100, 7 },
        { "outbound|9000|stable|ledger.production.svc.cluster.local", LbAlgorithm.Random, 5, null },
        // Subset port-level entry replaces all four parts again.
        { "outbound|8080|canary|ledger.production.svc.cluster.local", LbAlgorithm.LeastRequest, Unlimited, null },
        { "outbound|9000|canary|ledger.production.svc.cluster.local", LbAlgorithm.LeastRequest, 50, null },
    };

    [Theory]
    [MemberData(nameof(PrecedenceCases))]
    public void RuleThenPortLevelThenSubsetThenSubsetPortLevel(string cluster, LbAlgorithm algorithm, long maxConnections, int? consecutive5xx)
    {
        var built = Mesh.Translate(Fixtures.With(Ledger, LayeredRule)).Cluster(cluster);
        Assert.Equal(algorithm, built.LoadBalancer.Algorithm);
        Assert.Equal(maxConnections, built.ConnectionPool.MaxConnections);
        Assert.Equal(consecutive5xx, built.Outlier?.Consecutive5xxErrors);
        Assert.Equal("production/ledger", built.DestinationRule);
        Assert.Equal("http", built.Protocol);
    }

    private static Cluster DefaultCluster(string trafficPolicy) =>
        Mesh.Translate(Fixtures.With(Fixtures.PaymentDr("trafficPolicy:\n" + Fixtures.Indent(trafficPolicy, 2))))
            .Cluster("outbound|8080||" + Fixtures.PaymentHost);

    public static TheoryData<string, LoadBalancing> LoadBalancerCases => new()
    {
        { "loadBalancer: {simple: ROUND_ROBIN}", new LoadBalancing { Algorithm = LbAlgorithm.RoundRobin } },
        { "loadBalancer: {simple: RANDOM}", new LoadBalancing { Algorithm = LbAlgorithm.Random } },
        { "loadBalancer: {simple: PASSTHROUGH}", new LoadBalancing { Algorithm = LbAlgorithm.Passthrough } },
        { "loadBalancer: {simple: LEAST_REQUEST}", new LoadBalancing { Algorithm = LbAlgorithm.LeastRequest } },
        // LEAST_CONN is the deprecated alias; UNSPECIFIED is Istio's default: both LEAST_REQUEST.
        { "loadBalancer: {simple: LEAST_CONN}", new LoadBalancing { Algorithm = LbAlgorithm.LeastRequest } },
        { "loadBalancer: {simple: UNSPECIFIED}", new LoadBalancing { Algorithm = LbAlgorithm.LeastRequest } },
        { "connectionPool: {tcp: {maxConnections: 1}}", new LoadBalancing { Algorithm = LbAlgorithm.LeastRequest } },
        {
            "loadBalancer: {consistentHash: {httpHeaderName: X-User}}",
            new LoadBalancing { Algorithm = LbAlgorithm.ConsistentHash, HashKey = "header:x-user", HashAlgorithm = HashAlgorithm.RingHash, HashTableSize = 1024 }
        },
        {
            "loadBalancer: {consistentHash: {httpCookie: {name: session, ttl: 1h, path: /}}}",
            new LoadBalancing
            {
                Algorithm = LbAlgorithm.ConsistentHash, HashKey = "cookie:session", CookieTtl = TimeSpan.FromHours(1), CookiePath = "/",
                HashAlgorithm = HashAlgorithm.RingHash, HashTableSize = 1024,
            }
        },
        {
            "loadBalancer: {consistentHash: {useSourceIp: true, maglev: {tableSize: 1009}}}",
            new LoadBalancing { Algorithm = LbAlgorithm.ConsistentHash, HashKey = "source-ip", HashAlgorithm = HashAlgorithm.Maglev, HashTableSize = 1009 }
        },
        {
            "loadBalancer: {consistentHash: {httpQueryParameterName: user, ringHash: {minimumRingSize: 2048}}}",
            new LoadBalancing { Algorithm = LbAlgorithm.ConsistentHash, HashKey = "query:user", HashAlgorithm = HashAlgorithm.RingHash, HashTableSize = 2048 }
        },
    };

    [Theory]
    [MemberData(nameof(LoadBalancerCases))]
    public void LoadBalancer(string policy, LoadBalancing expected) => Assert.Equal(expected, DefaultCluster(policy).LoadBalancer);

    [Fact]
    public void NoDestinationRuleMeansIstioDefaults()
    {
        var cluster = Mesh.Translate(Fixtures.Base).Cluster("outbound|8080||" + Fixtures.PaymentHost);
        Assert.Equal(new LoadBalancing(), cluster.LoadBalancer);
        Assert.Equal(new ConnectionPool(), cluster.ConnectionPool);
        Assert.Null(cluster.Outlier);
        Assert.Null(cluster.Tls);
        Assert.Null(cluster.DestinationRule);
        Assert.Equal(ClusterDiscovery.Endpoints, cluster.Discovery);
    }

    [Fact]
    public void ConnectionPoolFields()
    {
        var pool = DefaultCluster("""
            connectionPool:
              tcp: {maxConnections: 100, connectTimeout: 250ms, idleTimeout: 5m}
              http: {http1MaxPendingRequests: 50, http2MaxRequests: 1000, maxRequestsPerConnection: 10, maxRetries: 3, idleTimeout: 30s}
            """).ConnectionPool;
        Assert.Equal(new ConnectionPool
        {
            MaxConnections = 100,
            ConnectTimeout = TimeSpan.FromMilliseconds(250),
            MaxPendingRequests = 50,
            MaxRequests = 1000,
            MaxRequestsPerConnection = 10,
            MaxRetries = 3,
            // The HTTP idle timeout governs HTTP connections; the TCP one is only the fallback.
            IdleTimeout = TimeSpan.FromSeconds(30),
        }, pool);
    }

    [Fact]
    public void TcpIdleTimeoutAppliesWithoutAnHttpOne()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), DefaultCluster("connectionPool: {tcp: {idleTimeout: 5m}}").ConnectionPool.IdleTimeout);
    }

    [Fact]
    public void OutlierDetectionTakesIstioDefaultsForUnsetFields()
    {
        Assert.Equal(new OutlierPolicy { Consecutive5xxErrors = 5, Interval = TimeSpan.FromSeconds(10), BaseEjectionTime = TimeSpan.FromSeconds(30), MaxEjectionPercent = 10 },
            DefaultCluster("outlierDetection: {}").Outlier);
        Assert.Equal(new OutlierPolicy
        {
            Consecutive5xxErrors = 5,
            ConsecutiveGatewayErrors = 5,
            Interval = TimeSpan.FromSeconds(30),
            BaseEjectionTime = TimeSpan.FromSeconds(30),
            MaxEjectionPercent = 50,
            MinHealthPercent = 30,
        }, DefaultCluster("outlierDetection: {consecutiveGatewayErrors: 5, interval: 30s, baseEjectionTime: 30s, maxEjectionPercent: 50, minHealthPercent: 30}").Outlier);
    }

    [Fact]
    public void TlsSettings()
    {
        var tls = DefaultCluster("tls: {mode: SIMPLE, sni: pay.example.com, subjectAltNames: [pay.example.com]}").Tls;
        Assert.Equal(UpstreamTlsMode.Simple, tls!.Mode);
        Assert.Equal("pay.example.com", tls.Sni);
        Assert.Equal(["pay.example.com"], tls.SubjectAltNames);
        Assert.Equal(UpstreamTlsMode.IstioMutual, DefaultCluster("tls: {mode: ISTIO_MUTUAL}").Tls!.Mode);
    }

    [Fact]
    public void PassthroughConnectsToTheOriginalDestination()
    {
        Assert.Equal(ClusterDiscovery.OriginalDestination, DefaultCluster("loadBalancer: {simple: PASSTHROUGH}").Discovery);
    }
}
