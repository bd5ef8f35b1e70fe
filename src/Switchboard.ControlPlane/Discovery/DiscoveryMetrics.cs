using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Switchboard.ControlPlane.Discovery;

/// <summary>
/// Control-plane metrics under Istio's names, so istiod dashboards and alerts carry over: connected proxies
/// (<c>pilot_xds</c>), pushes per type (<c>pilot_xds_pushes</c>), rejected configs (<c>pilot_total_xds_rejects</c>)
/// and push latency (<c>pilot_xds_push_time</c>, seconds).
/// </summary>
public sealed class DiscoveryMetrics
{
    private static readonly double[] Buckets = [0.01, 0.1, 1, 3, 5, 10, 20, 30];
    private readonly ConcurrentDictionary<string, long> _pushes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _rejects = new(StringComparer.Ordinal);
    private readonly long[] _pushTimeBuckets = new long[Buckets.Length];
    private long _pushTimeCount;
    private long _pushTimeMicros;

    public void Pushed(string type) => _pushes.AddOrUpdate(type, 1, (_, n) => n + 1);

    public void Rejected(string type) => _rejects.AddOrUpdate(type, 1, (_, n) => n + 1);

    public void PushTook(TimeSpan elapsed)
    {
        var i = Array.BinarySearch(Buckets, elapsed.TotalSeconds);
        if (i < 0) i = ~i;
        if (i < Buckets.Length) Interlocked.Increment(ref _pushTimeBuckets[i]);
        Interlocked.Increment(ref _pushTimeCount);
        Interlocked.Add(ref _pushTimeMicros, (long)(elapsed.TotalMilliseconds * 1000));
    }

    public string Render(int connected)
    {
        var sb = new StringBuilder();
        sb.Append("# TYPE pilot_xds gauge\n").Append(CultureInfo.InvariantCulture, $"pilot_xds {connected}\n");
        sb.Append("# TYPE pilot_xds_pushes counter\n");
        foreach (var (type, n) in _pushes.OrderBy(p => p.Key, StringComparer.Ordinal)) sb.Append(CultureInfo.InvariantCulture, $"pilot_xds_pushes{{type=\"{type}\"}} {n}\n");
        sb.Append("# TYPE pilot_total_xds_rejects counter\n");
        foreach (var (type, n) in _rejects.OrderBy(p => p.Key, StringComparer.Ordinal)) sb.Append(CultureInfo.InvariantCulture, $"pilot_total_xds_rejects{{type=\"{type}\"}} {n}\n");
        sb.Append("# TYPE pilot_xds_push_time histogram\n");
        long cumulative = 0;
        for (var i = 0; i < Buckets.Length; i++)
        {
            cumulative += Interlocked.Read(ref _pushTimeBuckets[i]);
            sb.Append(CultureInfo.InvariantCulture, $"pilot_xds_push_time_bucket{{le=\"{Buckets[i]}\"}} {cumulative}\n");
        }
        var count = Interlocked.Read(ref _pushTimeCount);
        sb.Append(CultureInfo.InvariantCulture, $"pilot_xds_push_time_bucket{{le=\"+Inf\"}} {count}\n");
        sb.Append(CultureInfo.InvariantCulture, $"pilot_xds_push_time_sum {Interlocked.Read(ref _pushTimeMicros) / 1e6}\n");
        sb.Append(CultureInfo.InvariantCulture, $"pilot_xds_push_time_count {count}\n");
        return sb.ToString();
    }
}
