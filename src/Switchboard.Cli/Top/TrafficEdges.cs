namespace Switchboard.Cli.Top;

/// <summary>
/// Turns two scrapes of the proxies' Istio metrics into per-edge golden signals (source workload → destination
/// service), from the growth of <c>istio_requests_total</c> and of the <c>istio_request_duration_milliseconds</c>
/// buckets between them:
/// 1. each series' increase (<see cref="MetricScrape.IncreaseTo"/>), summed per edge and reporter;
/// 2. rate, success and latency from the client side (reporter="source") when it saw requests — it also sees the
///    requests that never reached a server — else from the server side (callers without a sidecar);
/// 3. mTLS from the server side only: only the destination proxy knows how the connection arrived.
/// </summary>
public static class TrafficEdges
{
    private const string Requests = "istio_requests_total";
    private const string DurationBuckets = "istio_request_duration_milliseconds_bucket";

    public static IReadOnlyList<TrafficEdge> Between(MetricScrape before, MetricScrape after)
    {
        var seconds = (after.TakenAt - before.TakenAt).TotalSeconds;
        if (seconds <= 0) throw new ArgumentException("the later scrape must be taken after the earlier one", nameof(after));
        var tallies = new Dictionary<(string Source, string Destination, string Reporter), Tally>();
        foreach (var sample in after.Samples)
        {
            if (sample.Name is not (Requests or DurationBuckets) || before.IncreaseTo(sample) is not { } increase) continue;
            var key = (EdgeNames.SourceOf(sample), EdgeNames.DestinationOf(sample), sample["reporter"]);
            if (!tallies.TryGetValue(key, out var tally)) tallies[key] = tally = new Tally();
            if (sample.Name == Requests)
            {
                tally.Requests += increase;
                if (sample["response_code"].StartsWith('5')) tally.Failures += increase;
                if (sample["connection_security_policy"] == "mutual_tls") tally.MutualTls += increase;
            }
            else if (PrometheusText.TryValue(sample["le"], out var le))
            {
                tally.Buckets[le] = tally.Buckets.GetValueOrDefault(le) + increase;
            }
        }
        var edges = new List<TrafficEdge>();
        foreach (var edge in tallies.Keys.Select(k => (k.Source, k.Destination)).Distinct())
        {
            var client = tallies.GetValueOrDefault((edge.Source, edge.Destination, "source"));
            var server = tallies.GetValueOrDefault((edge.Source, edge.Destination, "destination"));
            var main = client is { Requests: > 0 } ? client : server ?? client!;
            var (mtls, share) = server is null ? (MtlsState.Unknown, 0.0) : EdgeNames.Mtls(server.MutualTls, server.Requests);
            edges.Add(new TrafficEdge(edge.Source, edge.Destination, main.Requests / seconds,
                main.Requests > 0 ? (main.Requests - main.Failures) / main.Requests : null,
                Quantile(0.50, main), Quantile(0.95, main), Quantile(0.99, main), mtls, share));
        }
        return edges.OrderByDescending(e => e.RequestsPerSecond).ThenBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Destination, StringComparer.Ordinal).ToList();
    }

    private static double? Quantile(double phi, Tally tally)
    {
        var value = HistogramQuantile.Of(phi, tally.Buckets.Select(b => new CumulativeBucket(b.Key, b.Value)));
        return double.IsNaN(value) ? null : value;
    }

    /// <summary>One edge's growth as one reporter saw it.</summary>
    private sealed class Tally
    {
        public double Requests;
        public double Failures;
        public double MutualTls;
        public readonly Dictionary<double, double> Buckets = [];
    }
}
