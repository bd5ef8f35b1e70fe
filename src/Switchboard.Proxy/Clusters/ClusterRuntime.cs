using Switchboard.Proxy.Identity;
using System.Net;
using Switchboard.Proxy.LoadBalancing;
using Switchboard.Proxy.Runtime;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Clusters;

/// <summary>
/// A cluster as the proxy runs it: its endpoints, balancer, connection pool (one HttpMessageInvoker,
/// shared by all requests — connections are reused, never opened per request) and the admission gate
/// that answers overflow with 503 UO instead of queueing without bound.
/// </summary>
internal sealed class ClusterRuntime : IDisposable
{
    private int _active;

    public ClusterRuntime(Cluster spec, IReadOnlyList<Endpoint> endpoints, RandomSource random, TimeProvider time, ProxyIdentity identity)
    {
        Spec = spec;
        Outlier = spec.Outlier is { } policy ? new OutlierDetector(policy, time) : null;
        var tls = UpstreamTlsFactory.For(spec);
        var pool = spec.ConnectionPool;
        Invoker = CreateInvoker(pool, tls);
        // Auto mTLS decides per endpoint (a cluster may mix pods with and without sidecars), so mesh endpoints get
        // their own pool presenting our certificate.
        if (endpoints.Any(e => MeshTlsClient.Applies(spec, e, identity)))
        {
            MeshCertificate = identity.CertificateContext;
            MeshInvoker = CreateInvoker(pool, tls: null, MeshTlsClient.Connect(MeshTlsClient.For(spec, endpoints, identity)));
        }
        // Mesh endpoints are dialled as http://: the TLS is done in the connect step, under the HTTP the handler speaks.
        Endpoints = endpoints.Select(e => MeshInvoker is not null && MeshTlsClient.Applies(spec, e, identity)
            ? new EndpointRuntime(e, MeshInvoker, "http")
            : new EndpointRuntime(e, Invoker, tls is null ? "http" : "https")).ToArray();
        Balancer = spec.LoadBalancer.Algorithm switch
        {
            LbAlgorithm.RoundRobin => new RoundRobinBalancer(),
            LbAlgorithm.Random => new RandomBalancer(random),
            LbAlgorithm.ConsistentHash when spec.LoadBalancer.HashKey is { } key => new ConsistentHashBalancer(key, spec.LoadBalancer.CookieTtl, spec.LoadBalancer.CookiePath),
            _ => (ILoadBalancer)new LeastRequestBalancer(random),
        };
        // HTTP/1.1 holds one request per connection: connections plus the pending queue bound concurrency.
        RequestLimit = Math.Min(pool.MaxRequests, SaturatingAdd(pool.MaxConnections, pool.MaxPendingRequests));
    }

    public Cluster Spec { get; }
    public string Name => Spec.Name;
    public EndpointRuntime[] Endpoints { get; }
    public ILoadBalancer Balancer { get; }
    public OutlierDetector? Outlier { get; }

    /// <summary>The endpoints requests may go to now (ejected outliers left out).</summary>
    public IReadOnlyList<EndpointRuntime> Usable => Outlier?.Usable(Endpoints) ?? Endpoints;

    /// <summary>Reports an upstream answer (status) or failure (null): counters and outlier detection.</summary>
    public void Report(EndpointRuntime endpoint, int? status)
    {
        endpoint.Count(status);
        Outlier?.Report(Endpoints, endpoint, status);
    }

    private int _retries;
    private long _retryOverflows;

    /// <summary>Retries refused because <c>maxRetries</c> were already in flight across the cluster.</summary>
    public long RetryOverflows => Interlocked.Read(ref _retryOverflows);

    /// <summary>
    /// Admits one retry against <c>connectionPool.http.maxRetries</c> (outstanding retries to the whole cluster,
    /// Envoy's retry circuit breaker); the caller releases it when the retried attempt ends.
    /// </summary>
    public bool TryAdmitRetry()
    {
        if (Interlocked.Increment(ref _retries) <= Spec.ConnectionPool.MaxRetries)
        {
            Interlocked.Increment(ref _retriesTaken);
            return true;
        }
        Interlocked.Decrement(ref _retries);
        Interlocked.Increment(ref _retryOverflows);
        return false;
    }

    public void ReleaseRetry() => Interlocked.Decrement(ref _retries);
    public HttpMessageInvoker Invoker { get; }
    public long RequestLimit { get; }

    /// <summary>Admits a request unless the pool is full (then the caller answers 503 UO).</summary>
    public bool TryAdmit()
    {
        if (Interlocked.Increment(ref _active) <= RequestLimit) return true;
        Interlocked.Decrement(ref _active);
        Interlocked.Increment(ref _overflows);
        return false;
    }

    private long _overflows;
    private long _retriesTaken;

    /// <summary>Requests answered 503 UO because the pool was full (Envoy's upstream_rq_pending_overflow).</summary>
    public long Overflows => Interlocked.Read(ref _overflows);

    /// <summary>Retries made (Envoy's upstream_rq_retry).</summary>
    public long RetriesTaken => Interlocked.Read(ref _retriesTaken);

    public void Release() => Interlocked.Decrement(ref _active);

    public int ActiveRequests => Volatile.Read(ref _active);

    /// <summary>The pool for mesh (mTLS) endpoints, when the cluster has any and the proxy has an identity.</summary>
    public HttpMessageInvoker? MeshInvoker { get; }

    /// <summary>The certificate the mesh pool presents (a rotation makes the cluster be rebuilt).</summary>
    public System.Net.Security.SslStreamCertificateContext? MeshCertificate { get; }

    public void Dispose()
    {
        Invoker.Dispose();
        MeshInvoker?.Dispose();
    }

    private static HttpMessageInvoker CreateInvoker(ConnectionPool pool, System.Net.Security.SslClientAuthenticationOptions? tls,
        Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null) => new(new SocketsHttpHandler
    {
        ConnectCallback = connect,
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = pool.ConnectTimeout,
        PooledConnectionIdleTimeout = pool.IdleTimeout,
        MaxConnectionsPerServer = (int)Math.Min(pool.MaxConnections, int.MaxValue),
        ActivityHeadersPropagator = null,
        SslOptions = tls ?? new System.Net.Security.SslClientAuthenticationOptions(),
    }, disposeHandler: true);

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
