using System.Globalization;
using System.Text;

namespace Switchboard.ControlPlane.Discovery;

/// <summary>A Prometheus histogram of seconds with fixed buckets, safe to observe from many threads.</summary>
public sealed class Histogram(string name, double[] buckets)
{
    private readonly long[] _counts = new long[buckets.Length];
    private long _count;
    private long _sumMicros;

    public long Count => Interlocked.Read(ref _count);

    public void Observe(TimeSpan elapsed)
    {
        var i = Array.BinarySearch(buckets, elapsed.TotalSeconds);
        if (i < 0) i = ~i;
        if (i < buckets.Length) Interlocked.Increment(ref _counts[i]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, (long)(elapsed.TotalMilliseconds * 1000));
    }

    /// <summary>Appends the histogram in Prometheus text format (cumulative buckets, sum, count).</summary>
    public void Render(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"# TYPE {name} histogram\n");
        long cumulative = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            cumulative += Interlocked.Read(ref _counts[i]);
            sb.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"{buckets[i]}\"}} {cumulative}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"+Inf\"}} {Count}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{name}_sum {Interlocked.Read(ref _sumMicros) / 1e6}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{name}_count {Count}\n");
    }
}
