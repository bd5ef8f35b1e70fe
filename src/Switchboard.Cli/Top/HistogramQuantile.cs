namespace Switchboard.Cli.Top;

/// <summary>One bucket of a cumulative histogram: its upper bound (<c>le</c>) and how many observations were at or below it.</summary>
public readonly record struct CumulativeBucket(double UpperBound, double Count);

/// <summary>
/// The φ-quantile of a cumulative histogram, computed as PromQL's <c>histogram_quantile</c> does
/// (https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile), so <c>sbctl x top</c> and a
/// Grafana panel over the same buckets agree:
/// 1. the buckets sorted by upper bound must end in <c>+Inf</c>, else there is no answer (NaN); so must a total above 0;
/// 2. counts made monotonic (a scrape can catch buckets mid-update), the rank is φ × the total;
/// 3. the first bucket whose count reaches the rank holds the quantile, linearly interpolated inside it (from 0 for the
///    first bucket); a quantile in the <c>+Inf</c> bucket is the highest finite upper bound.
/// </summary>
public static class HistogramQuantile
{
    public static double Of(double phi, IEnumerable<CumulativeBucket> buckets)
    {
        if (double.IsNaN(phi)) return double.NaN;
        if (phi < 0) return double.NegativeInfinity;
        if (phi > 1) return double.PositiveInfinity;
        var sorted = buckets.OrderBy(b => b.UpperBound).ToArray();
        if (sorted.Length < 2 || !double.IsPositiveInfinity(sorted[^1].UpperBound)) return double.NaN;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Count < sorted[i - 1].Count) sorted[i] = sorted[i] with { Count = sorted[i - 1].Count };
        }
        var total = sorted[^1].Count;
        if (total <= 0) return double.NaN;
        var rank = phi * total;
        var b = Array.FindIndex(sorted, x => x.Count >= rank);
        if (b == sorted.Length - 1) return sorted[^2].UpperBound;
        if (b == 0 && sorted[0].UpperBound <= 0) return sorted[0].UpperBound;
        var start = b == 0 ? 0 : sorted[b - 1].UpperBound;
        var below = b == 0 ? 0 : sorted[b - 1].Count;
        var inBucket = sorted[b].Count - below;
        return start + (sorted[b].UpperBound - start) * ((rank - below) / inBucket);
    }
}
