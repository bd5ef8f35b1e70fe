using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Telemetry;

/// <summary>
/// Istio's request metrics as the client-side (<c>reporter="source"</c>) proxy reports them:
/// <c>istio_requests_total</c> and <c>istio_request_duration_milliseconds</c> with Istio's buckets,
/// served on 15090 in Prometheus text format. Missing label values are <c>unknown</c>, as in Istio.
/// The full label set and the Telemetry API belong to the telemetry issue; these labels are a subset.
/// </summary>
internal sealed class RequestMetrics(TimeProvider time)
{
    private static readonly double[] Buckets = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];
    // Keyed by what the labels derive from, so the label text is built once per series, not per request.
    private readonly ConcurrentDictionary<SeriesKey, Series> _series = new();

    public void Record(HttpContext context, RequestRecord record, ProxyNode? node)
    {
        var grpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
        var key = new SeriesKey(node, record.ClusterHost, record.Endpoint, context.Response.StatusCode, record.Flags, grpc);
        var series = _series.GetOrAdd(key, k => new Series(Labels(k)));
        series.Observe(time.GetElapsedTime(record.StartTimestamp).TotalMilliseconds);
    }

    private readonly record struct SeriesKey(ProxyNode? Node, string? ClusterHost, Translation.ProxyConfig.Endpoint? Endpoint, int Status, string Flags, bool Grpc);

    /// <summary>The exposition text for <c>/stats/prometheus</c>.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("# TYPE istio_requests_total counter\n");
        var ordered = _series.Values.OrderBy(s => s.Labels, StringComparer.Ordinal).ToList();
        foreach (var series in ordered) sb.Append(CultureInfo.InvariantCulture, $"istio_requests_total{{{series.Labels}}} {series.Count}\n");
        sb.Append("# TYPE istio_request_duration_milliseconds histogram\n");
        foreach (var series in ordered)
        {
            var labels = series.Labels;
            var (counts, count, sum) = series.Snapshot();
            long cumulative = 0;
            for (var i = 0; i < Buckets.Length; i++)
            {
                cumulative += counts[i];
                sb.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_bucket{{{labels},le=\"{Buckets[i]}\"}} {cumulative}\n");
            }
            sb.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_bucket{{{labels},le=\"+Inf\"}} {count}\n");
            sb.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_sum{{{labels}}} {sum}\n");
            sb.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_count{{{labels}}} {count}\n");
        }
        return sb.ToString();
    }

    private static string Labels(SeriesKey key)
    {
        var node = key.Node;
        var host = key.ClusterHost;
        var dot = host?.IndexOf('.') ?? -1;
        var service = host is null ? "unknown" : dot > 0 ? host[..dot] : host;
        var serviceNamespace = host is not null && dot > 0 && host.IndexOf(".svc.", StringComparison.Ordinal) > 0 ? host[(dot + 1)..host.IndexOf('.', dot + 1)] : "unknown";
        var workload = key.Endpoint?.Workload;
        var slash = workload?.IndexOf('/') ?? -1;
        var pairs = new (string, string?)[]
        {
            ("reporter", "source"),
            ("source_workload", node?.Workload),
            ("source_workload_namespace", node?.Namespace),
            ("source_app", node?.Labels.GetValueOrDefault("app")),
            ("source_version", node?.Labels.GetValueOrDefault("version")),
            ("destination_service", host),
            ("destination_service_name", service),
            ("destination_service_namespace", serviceNamespace),
            ("destination_workload", slash > 0 ? workload![(slash + 1)..] : null),
            ("destination_workload_namespace", slash > 0 ? workload![..slash] : null),
            ("destination_version", key.Endpoint?.Labels.GetValueOrDefault("version")),
            ("request_protocol", key.Grpc ? "grpc" : "http"),
            ("response_code", key.Status.ToString(CultureInfo.InvariantCulture)),
            ("response_flags", key.Flags),
        };
        return string.Join(',', pairs.Select(p => $"{p.Item1}=\"{Escape(p.Item2 ?? "unknown")}\""));
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>One label combination: a count, a sum and bucket counts, updated without locks.</summary>
    private sealed class Series(string labels)
    {
        public string Labels { get; } = labels;

        private readonly long[] _buckets = new long[Buckets.Length];
        private long _count;
        private long _sumMicros;

        public long Count => Interlocked.Read(ref _count);

        public void Observe(double milliseconds)
        {
            var i = Array.BinarySearch(Buckets, milliseconds);
            if (i < 0) i = ~i;
            if (i < _buckets.Length) Interlocked.Increment(ref _buckets[i]);
            Interlocked.Add(ref _sumMicros, (long)(milliseconds * 1000));
            Interlocked.Increment(ref _count);
        }

        public (long[] Buckets, long Count, double Sum) Snapshot() =>
            (_buckets.Select(b => Interlocked.Read(ref b)).ToArray(), Count, Interlocked.Read(ref _sumMicros) / 1000.0);
    }
}
