using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Clusters;

/// <summary>
/// Passive health checking as Envoy does it for Istio's <c>outlierDetection</c>
/// (reference/security-and-reliability.md §3.1):
/// 1. every upstream answer or failure is reported; 5xx, resets and connect failures count as errors
///    (gateway errors: 502/503/504 and failures), any other answer resets the host's counters;
/// 2. at <c>consecutive5xxErrors</c> (or <c>consecutiveGatewayErrors</c>) in a row the host is ejected,
///    unless that would put more than <c>maxEjectionPercent</c> of hosts out ((ejected+1)/hosts ≤ max%);
/// 3. it stays out for <c>baseEjectionTime × times ejected</c> (at most 300 s) and then returns by itself;
///    the multiplier decays by one for each <c>interval</c> the host spends back in service;
/// 4. if fewer than <c>minHealthPercent</c> of hosts are healthy, the balancer uses all of them (panic).
/// Local overflow (503 UO) is never reported: it says nothing about the host.
/// </summary>
internal sealed class OutlierDetector(OutlierPolicy policy, TimeProvider time)
{
    private static readonly TimeSpan MaxEjection = TimeSpan.FromSeconds(300);
    private readonly Lock _lock = new();

    public OutlierPolicy Policy { get; } = policy;

    private long _ejections;

    /// <summary>Ejections carried out (Envoy's outlier_detection.ejections_enforced_total).</summary>
    public long Ejections => Interlocked.Read(ref _ejections);

    /// <summary>Records one answer (HTTP status) or failure (null status) from <paramref name="endpoint"/>.</summary>
    public void Report(EndpointRuntime[] all, EndpointRuntime endpoint, int? status)
    {
        var error = status is null or >= 500;
        var gatewayError = status is null or 502 or 503 or 504;
        lock (_lock)
        {
            var state = endpoint.Health;
            state.Consecutive5xx = error ? state.Consecutive5xx + 1 : 0;
            state.ConsecutiveGateway = gatewayError ? state.ConsecutiveGateway + 1 : 0;
            var tripped = (Policy.Consecutive5xxErrors > 0 && state.Consecutive5xx >= Policy.Consecutive5xxErrors)
                || (Policy.ConsecutiveGatewayErrors > 0 && state.ConsecutiveGateway >= Policy.ConsecutiveGatewayErrors);
            if (tripped && !IsEjected(endpoint)) TryEject(all, endpoint);
        }
    }

    public bool IsEjected(EndpointRuntime endpoint) => endpoint.Health.EjectedUntil > time.GetUtcNow();

    /// <summary>The endpoints a balancer may use now: the healthy ones, or all of them in panic.</summary>
    public IReadOnlyList<EndpointRuntime> Usable(EndpointRuntime[] all)
    {
        var now = time.GetUtcNow();
        var healthy = all.Where(e => e.Health.EjectedUntil <= now).ToArray();
        if (healthy.Length == all.Length) return all;
        var healthyPercent = all.Length == 0 ? 100 : 100.0 * healthy.Length / all.Length;
        return Policy.MinHealthPercent > 0 && healthyPercent < Policy.MinHealthPercent ? all : healthy;
    }

    private void TryEject(EndpointRuntime[] all, EndpointRuntime endpoint)
    {
        var now = time.GetUtcNow();
        var ejected = all.Count(e => e.Health.EjectedUntil > now);
        if ((ejected + 1) * 100.0 / all.Length > Policy.MaxEjectionPercent) return;
        var state = endpoint.Health;
        // Time spent back in service since the last ejection earns the multiplier back, one per interval.
        if (state.Ejections > 0 && Policy.Interval > TimeSpan.Zero && state.EjectedUntil < now)
        {
            var decay = (int)((now - state.EjectedUntil) / Policy.Interval);
            state.Ejections = Math.Max(0, state.Ejections - decay);
        }
        state.Ejections++;
        Interlocked.Increment(ref _ejections);
        var duration = Policy.BaseEjectionTime * state.Ejections;
        state.EjectedUntil = now + (duration > MaxEjection ? MaxEjection : duration);
        state.Consecutive5xx = 0;
        state.ConsecutiveGateway = 0;
    }
}

/// <summary>Outlier-detection state of one endpoint (guarded by its cluster's detector).</summary>
internal sealed class EndpointHealth
{
    public int Consecutive5xx { get; set; }
    public int ConsecutiveGateway { get; set; }
    public int Ejections { get; set; }
    public DateTimeOffset EjectedUntil { get; set; } = DateTimeOffset.MinValue;
}
