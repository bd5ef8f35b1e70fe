namespace Switchboard.Cli.Top;

/// <summary>
/// One read of the control plane's merged view (<c>/metrics/proxies</c>): its samples, when it was taken, and which
/// proxies it holds (<c>switchboard_proxy_scrape_up</c>), so a series missing from it can be told apart from one that
/// only began since.
/// </summary>
public sealed class MetricScrape
{
    private const string ScrapeUp = "switchboard_proxy_scrape_up";
    private readonly Dictionary<string, double> _values;
    private readonly HashSet<string> _scrapedPods;
    private readonly bool _saysWhichPods;

    public MetricScrape(IReadOnlyList<MetricSample> samples, TimeSpan takenAt)
    {
        Samples = samples;
        TakenAt = takenAt;
        _values = new(StringComparer.Ordinal);
        foreach (var s in samples) _values[s.SeriesKey] = s.Value;
        var up = samples.Where(s => s.Name == ScrapeUp).ToList();
        _saysWhichPods = up.Count > 0;
        _scrapedPods = up.Where(s => s.Value == 1).Select(s => PodOf(s)).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<MetricSample> Samples { get; }

    /// <summary>A monotonic time (the elapsed time of a stopwatch): only differences between scrapes mean anything.</summary>
    public TimeSpan TakenAt { get; }

    public static MetricScrape Parse(string text, TimeSpan takenAt) => new(PrometheusText.Parse(text), takenAt);

    /// <summary>
    /// How much a counter series grew since this (earlier) scrape, as Prometheus's <c>increase</c> reads a counter: a
    /// value below the earlier one is a restarted proxy, counting from 0; a series absent earlier counts from 0 when its
    /// proxy was scraped then (it began since), and is unknown (null) when the proxy was missing from this scrape.
    /// </summary>
    public double? IncreaseTo(MetricSample later)
    {
        if (_values.TryGetValue(later.SeriesKey, out var before)) return later.Value >= before ? later.Value - before : later.Value;
        return !_saysWhichPods || _scrapedPods.Contains(PodOf(later)) ? later.Value : null;
    }

    private static string PodOf(MetricSample sample) => sample["namespace"] + "/" + sample["pod"];
}
