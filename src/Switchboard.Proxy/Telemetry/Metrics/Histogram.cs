namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// A Prometheus histogram over Istio's default buckets (reference §3.2, the same boundaries for durations in
/// milliseconds and sizes in bytes, as Envoy's defaults), updated without locks.
/// </summary>
internal sealed class Histogram
{
    public static readonly double[] Buckets = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];

    private readonly long[] _buckets = new long[Buckets.Length];
    private long _count;
    private long _sumMicros;

    public void Observe(double value)
    {
        var i = Array.BinarySearch(Buckets, value);
        if (i < 0) i = ~i;
        if (i < _buckets.Length) Interlocked.Increment(ref _buckets[i]);
        Interlocked.Add(ref _sumMicros, (long)(value * 1000));
        Interlocked.Increment(ref _count);
    }

    /// <summary>Adds this histogram's current counts into <paramref name="into"/> (series merged after a tag is removed).</summary>
    public void AddTo(HistogramSnapshot into)
    {
        for (var i = 0; i < _buckets.Length; i++) into.Buckets[i] += Interlocked.Read(ref _buckets[i]);
        into.Count += Interlocked.Read(ref _count);
        into.Sum += Interlocked.Read(ref _sumMicros) / 1000.0;
    }
}

/// <summary>Summed histogram counts for rendering (not cumulative; rendering accumulates).</summary>
internal sealed class HistogramSnapshot
{
    public long[] Buckets { get; } = new long[Histogram.Buckets.Length];
    public long Count { get; set; }
    public double Sum { get; set; }
}
