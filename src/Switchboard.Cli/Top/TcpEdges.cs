namespace Switchboard.Cli.Top;

/// <summary>
/// Turns two scrapes of the proxies' Istio TCP metrics into per-edge rows (source workload → destination service), as
/// <see cref="TrafficEdges"/> does for HTTP: rates from the growth of <c>istio_tcp_connections_opened_total</c> and the
/// byte counters, open connections from opened less closed at the later scrape; the client side when it saw the edge
/// (it also sees connections that never reached a server), else the server side; mTLS from the server side only.
/// A TCP connection carries no peer metadata, so the server side knows its caller only by certificate
/// (<c>source_principal</c>, workload <c>unknown</c>): such a row joins the client-side edge of the same principal and
/// destination when exactly one exists, so one edge reads as one row with its mTLS.
/// </summary>
public static class TcpEdges
{
    private const string Opened = "istio_tcp_connections_opened_total";
    private const string Closed = "istio_tcp_connections_closed_total";
    private const string Received = "istio_tcp_received_bytes_total";
    private const string Sent = "istio_tcp_sent_bytes_total";

    public static IReadOnlyList<TcpEdge> Between(MetricScrape before, MetricScrape after)
    {
        var seconds = (after.TakenAt - before.TakenAt).TotalSeconds;
        if (seconds <= 0) throw new ArgumentException("the later scrape must be taken after the earlier one", nameof(after));
        var callers = CallersByPrincipal(after);
        var tallies = new Dictionary<(string Source, string Destination, string Reporter), Tally>();
        foreach (var sample in after.Samples)
        {
            if (sample.Name is not (Opened or Closed or Received or Sent)) continue;
            var source = EdgeNames.SourceOf(sample);
            if (source == "unknown" && sample["reporter"] == "destination"
                && callers.TryGetValue((sample["source_principal"], EdgeNames.DestinationOf(sample)), out var caller) && caller is not null) source = caller;
            var key = (source, EdgeNames.DestinationOf(sample), sample["reporter"]);
            if (!tallies.TryGetValue(key, out var tally)) tallies[key] = tally = new Tally();
            // Open connections are a level, read from the later scrape alone; everything else is growth.
            if (sample.Name == Opened) tally.Open += sample.Value;
            if (sample.Name == Closed) tally.Open -= sample.Value;
            if (before.IncreaseTo(sample) is not { } increase) continue;
            switch (sample.Name)
            {
                case Opened:
                    tally.Connections += increase;
                    if (sample["connection_security_policy"] == "mutual_tls") tally.MutualTls += increase;
                    break;
                case Received:
                    tally.ToDestination += increase;
                    break;
                case Sent:
                    tally.FromDestination += increase;
                    break;
            }
        }
        var edges = new List<TcpEdge>();
        foreach (var edge in tallies.Keys.Select(k => (k.Source, k.Destination)).Distinct())
        {
            var client = tallies.GetValueOrDefault((edge.Source, edge.Destination, "source"));
            var server = tallies.GetValueOrDefault((edge.Source, edge.Destination, "destination"));
            var main = client ?? server!;
            var (mtls, share) = server is null ? (MtlsState.Unknown, 0.0) : EdgeNames.Mtls(server.MutualTls, server.Connections);
            edges.Add(new TcpEdge(edge.Source, edge.Destination, main.Connections / seconds, Math.Max(0, main.Open),
                main.ToDestination / seconds, main.FromDestination / seconds, mtls, share));
        }
        return edges.OrderByDescending(e => e.ConnectionsPerSecond).ThenByDescending(e => e.Open)
            .ThenBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Destination, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Per (principal, destination), the client-side source (<c>workload.namespace</c>) that reported connections under
    /// that principal, or null when several did (a server-side row cannot be told which it was).
    /// </summary>
    private static Dictionary<(string Principal, string Destination), string?> CallersByPrincipal(MetricScrape scrape) =>
        scrape.Samples
            .Where(s => s.Name == Opened && s["reporter"] == "source" && s["source_principal"] is not ("" or "unknown") && EdgeNames.SourceOf(s) != "unknown")
            .GroupBy(s => (s["source_principal"], EdgeNames.DestinationOf(s)))
            .ToDictionary(g => g.Key, g => g.Select(EdgeNames.SourceOf).Distinct(StringComparer.Ordinal).ToList() is [var only] ? only : null);

    /// <summary>One edge as one reporter saw it.</summary>
    private sealed class Tally
    {
        public double Connections;
        public double Open;
        public double MutualTls;
        public double ToDestination;
        public double FromDestination;
    }
}
