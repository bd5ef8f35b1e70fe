using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// Istio's standard metrics for both reporters (reference §3.2), served on 15090 <c>/stats/prometheus</c>:
/// <c>istio_requests_total</c>, <c>istio_request_duration_milliseconds</c>, <c>istio_request_bytes</c>,
/// <c>istio_response_bytes</c>, the gRPC message counters, the four TCP metrics, and <c>istio_build</c>.
/// Each distinct report is one series updated without locks; labels are rendered at scrape time through the
/// Telemetry API view in force (<see cref="MetricView"/>: disabled metrics left out, removed tags merged away,
/// upserted tags from values evaluated per request).
/// </summary>
internal sealed class IstioMetrics
{
    private readonly ConcurrentDictionary<HttpReport, HttpSeries> _http = new();
    private readonly ConcurrentDictionary<TcpReport, TcpSeries> _tcp = new();

    public void Record(in HttpReport report, double milliseconds, long requestBytes, long responseBytes, long requestMessages, long responseMessages)
    {
        var series = _http.GetOrAdd(report, static _ => new HttpSeries());
        Interlocked.Increment(ref series.Count);
        series.Duration.Observe(milliseconds);
        series.RequestBytes.Observe(requestBytes);
        series.ResponseBytes.Observe(responseBytes);
        if (report.Grpc)
        {
            Interlocked.Add(ref series.RequestMessages, requestMessages);
            Interlocked.Add(ref series.ResponseMessages, responseMessages);
        }
    }

    /// <summary>The series of one TCP connection's report, for its counters to be updated as bytes flow.</summary>
    public TcpSeries Tcp(in TcpReport report) => _tcp.GetOrAdd(report, static _ => new TcpSeries());

    /// <summary>The exposition text, through the view of the config in force.</summary>
    public string Render(MetricView view)
    {
        var sb = new StringBuilder();
        sb.Append("# TYPE istio_build gauge\nistio_build{component=\"proxy\",tag=\"").Append(BuildInfo.Version).Append("\"} 1\n");
        var http = _http.ToArray();
        Counter(sb, view, "istio_requests_total", "REQUEST_COUNT", http, s => s.Count, r => StandardLabels.Http(r.Key), r => r.Key.Reporter, r => r.Key.Overrides);
        Distribution(sb, view, "istio_request_duration_milliseconds", "REQUEST_DURATION", http, s => s.Duration);
        Distribution(sb, view, "istio_request_bytes", "REQUEST_SIZE", http, s => s.RequestBytes);
        Distribution(sb, view, "istio_response_bytes", "RESPONSE_SIZE", http, s => s.ResponseBytes);
        var grpc = http.Where(s => s.Key.Grpc).ToArray();
        Counter(sb, view, "istio_request_messages_total", "GRPC_REQUEST_MESSAGES", grpc, s => s.RequestMessages, r => StandardLabels.Http(r.Key), r => r.Key.Reporter, r => r.Key.Overrides);
        Counter(sb, view, "istio_response_messages_total", "GRPC_RESPONSE_MESSAGES", grpc, s => s.ResponseMessages, r => StandardLabels.Http(r.Key), r => r.Key.Reporter, r => r.Key.Overrides);
        var tcp = _tcp.ToArray();
        Counter(sb, view, "istio_tcp_connections_opened_total", "TCP_OPENED_CONNECTIONS", tcp, s => s.Opened, r => StandardLabels.Tcp(r.Key), r => r.Key.Reporter, _ => null);
        Counter(sb, view, "istio_tcp_connections_closed_total", "TCP_CLOSED_CONNECTIONS", tcp, s => s.Closed, r => StandardLabels.Tcp(r.Key), r => r.Key.Reporter, _ => null);
        Counter(sb, view, "istio_tcp_sent_bytes_total", "TCP_SENT_BYTES", tcp, s => s.Sent, r => StandardLabels.Tcp(r.Key), r => r.Key.Reporter, _ => null);
        Counter(sb, view, "istio_tcp_received_bytes_total", "TCP_RECEIVED_BYTES", tcp, s => s.Received, r => StandardLabels.Tcp(r.Key), r => r.Key.Reporter, _ => null);
        return sb.ToString();
    }

    private static void Counter<TKey, TSeries>(StringBuilder sb, MetricView view, string name, string metric, KeyValuePair<TKey, TSeries>[] series,
        Func<TSeries, long> value, Func<KeyValuePair<TKey, TSeries>, List<KeyValuePair<string, string>>> labels,
        Func<KeyValuePair<TKey, TSeries>, Reporter> reporter, Func<KeyValuePair<TKey, TSeries>, string?> overrides) where TKey : notnull
    {
        var merged = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            if (view.Disabled(metric, reporter(s))) continue;
            var text = StandardLabels.Format(view.Apply(metric, reporter(s), labels(s), overrides(s)));
            merged[text] = merged.GetValueOrDefault(text) + value(s.Value);
        }
        if (merged.Count == 0) return;
        sb.Append("# TYPE ").Append(name).Append(" counter\n");
        foreach (var (text, count) in merged) sb.Append(CultureInfo.InvariantCulture, $"{name}{{{text}}} {count}\n");
    }

    private static void Distribution(StringBuilder sb, MetricView view, string name, string metric, KeyValuePair<HttpReport, HttpSeries>[] series, Func<HttpSeries, Histogram> histogram)
    {
        var merged = new SortedDictionary<string, HistogramSnapshot>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            if (view.Disabled(metric, s.Key.Reporter)) continue;
            var text = StandardLabels.Format(view.Apply(metric, s.Key.Reporter, StandardLabels.Http(s.Key), s.Key.Overrides));
            if (!merged.TryGetValue(text, out var snapshot)) merged[text] = snapshot = new HistogramSnapshot();
            histogram(s.Value).AddTo(snapshot);
        }
        if (merged.Count == 0) return;
        sb.Append("# TYPE ").Append(name).Append(" histogram\n");
        foreach (var (labels, h) in merged)
        {
            long cumulative = 0;
            for (var i = 0; i < Histogram.Buckets.Length; i++)
            {
                cumulative += h.Buckets[i];
                sb.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{Histogram.Buckets[i]}\"}} {cumulative}\n");
            }
            sb.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"+Inf\"}} {h.Count}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {h.Sum}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {h.Count}\n");
        }
    }

    /// <summary>One HTTP report's counters.</summary>
    private sealed class HttpSeries
    {
        public long Count;
        public long RequestMessages;
        public long ResponseMessages;
        public readonly Histogram Duration = new();
        public readonly Histogram RequestBytes = new();
        public readonly Histogram ResponseBytes = new();
    }
}

/// <summary>One TCP report's counters, updated by the connections that share it.</summary>
internal sealed class TcpSeries
{
    public long Opened;
    public long Closed;
    public long Sent;
    public long Received;
}
