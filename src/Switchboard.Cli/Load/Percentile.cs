namespace Switchboard.Cli.Load;

/// <summary>Percentiles by the nearest-rank method: the smallest sample with at least p% of the samples at or below it.</summary>
public static class Percentile
{
    /// <summary>The <paramref name="percent"/>th percentile of <paramref name="sorted"/> (ascending), or null when there are no samples.</summary>
    public static TimeSpan? Of(IReadOnlyList<TimeSpan> sorted, double percent)
    {
        if (sorted.Count == 0) return null;
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
