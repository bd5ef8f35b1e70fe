using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Clusters;

/// <summary>One upstream endpoint and its live counters (shared by every request to it).</summary>
internal sealed class EndpointRuntime(Endpoint spec, HttpMessageInvoker invoker, string scheme = "http")
{
    /// <summary>The pool requests to this endpoint go through (the cluster's, or its mTLS pool for mesh endpoints).</summary>
    public HttpMessageInvoker Invoker { get; } = invoker;

    private int _active;

    public Endpoint Spec { get; } = spec;

    /// <summary><c>http://address:port</c> (<c>https://</c> when the cluster originates TLS), the forwarding prefix.</summary>
    public string Prefix { get; } = spec.Address.Contains(':') ? $"{scheme}://[{spec.Address}]:{spec.Port}" : $"{scheme}://{spec.Address}:{spec.Port}";

    public string HostPort { get; } = spec.Address.Contains(':') ? $"[{spec.Address}]:{spec.Port}" : $"{spec.Address}:{spec.Port}";

    public int ActiveRequests => Volatile.Read(ref _active);

    /// <summary>Outlier-detection state (used only when the cluster has outlier detection).</summary>
    public EndpointHealth Health { get; } = new();

    public void Begin() => Interlocked.Increment(ref _active);

    public void End() => Interlocked.Decrement(ref _active);

    private long _successes;
    private long _failures;

    /// <summary>Answers below 500 (for /clusters).</summary>
    public long Successes => Interlocked.Read(ref _successes);

    /// <summary>5xx answers, resets and connect failures (for /clusters).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public void Count(int? status)
    {
        if (status is < 500) Interlocked.Increment(ref _successes);
        else Interlocked.Increment(ref _failures);
    }
}
