using Switchboard.Telemetry.Expressions;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// The Telemetry API's <c>metrics.overrides</c> compiled for the proxy (reference §3.1): which metrics each reporter
/// (CLIENT = <c>source</c>, SERVER = <c>destination</c>) leaves out, and the tag changes applied in order over the
/// standard labels — REMOVE drops a label (series that then look alike are summed at scrape time), UPSERT sets it to a
/// CEL expression evaluated per request (<see cref="Evaluate"/>; an expression that fails yields <c>unknown</c>).
/// An expression that does not compile makes the whole config invalid: the proxy NACKs it and keeps the old one.
/// </summary>
internal sealed class MetricView
{
    // The Telemetry API names of every metric an HTTP request reports (IstioMetrics.Record and Render); declared before Default, which reads it when built.
    private static readonly string[] HttpMetrics =
        ["REQUEST_COUNT", "REQUEST_DURATION", "REQUEST_SIZE", "RESPONSE_SIZE", "GRPC_REQUEST_MESSAGES", "GRPC_RESPONSE_MESSAGES"];

    public static readonly MetricView Default = new([]);

    private const char Separator = '\u001f';

    private readonly bool _sourceHttpOff;
    private readonly bool _destinationHttpOff;
    private readonly IReadOnlyList<MetricOverride> _overrides;
    private readonly Dictionary<Reporter, List<(MetricOverride Rule, TagChange Change, CelExpression Expression)>> _upserts = new();

    public MetricView(IReadOnlyList<MetricOverride> overrides)
    {
        _overrides = overrides;
        foreach (var reporter in new[] { Reporter.Source, Reporter.Destination })
        {
            _upserts[reporter] = overrides.Where(o => Covers(o.Mode, reporter))
                .SelectMany(o => o.Tags.Where(t => !t.Remove).Select(t => (o, t, CelExpression.Parse(t.Value ?? throw new InvalidOperationException($"tag {t.Tag}: UPSERT needs a value")))))
                .ToList();
        }
        _sourceHttpOff = HttpMetrics.All(m => Disabled(m, Reporter.Source));
        _destinationHttpOff = HttpMetrics.All(m => Disabled(m, Reporter.Destination));
    }

    /// <summary>
    /// True when the reporter reports no HTTP metric at all (e.g. <c>ALL_METRICS</c> disabled): its requests are then
    /// neither counted nor recorded, as Envoy does with the stats filter off, instead of being recorded and left out at
    /// scrape time. Decided once per config, so the hot path pays one lookup.
    /// </summary>
    public bool HttpOff(Reporter reporter) => reporter == Reporter.Source ? _sourceHttpOff : _destinationHttpOff;

    /// <summary>True when the reporter has UPSERTs, so each request must evaluate them.</summary>
    public bool HasUpserts(Reporter reporter) => _upserts[reporter].Count > 0;

    /// <summary>The UPSERT values of one request, in rule order, joined; null when there are none.</summary>
    public string? Evaluate(Reporter reporter, IAttributeSource attributes)
    {
        var upserts = _upserts[reporter];
        if (upserts.Count == 0) return null;
        return string.Join(Separator, upserts.Select(u => u.Expression.EvaluateString(attributes)));
    }

    /// <summary>The last rule that sets <c>disabled</c> for this metric and reporter decides; by default a metric is on.</summary>
    public bool Disabled(string metric, Reporter reporter)
    {
        var disabled = false;
        foreach (var o in _overrides)
        {
            if (o.Disabled is { } d && Covers(o.Mode, reporter) && Matches(o.Metric, metric)) disabled = d;
        }
        return disabled;
    }

    /// <summary>The labels after this metric's tag changes, in rule order.</summary>
    public List<KeyValuePair<string, string>> Apply(string metric, Reporter reporter, List<KeyValuePair<string, string>> labels, string? values)
    {
        if (_overrides.Count == 0) return labels;
        var upserted = values?.Split(Separator);
        var index = 0;
        foreach (var o in _overrides.Where(o => Covers(o.Mode, reporter)))
        {
            foreach (var change in o.Tags)
            {
                var applies = Matches(o.Metric, metric);
                if (change.Remove)
                {
                    if (applies) labels.RemoveAll(l => l.Key == change.Tag);
                    continue;
                }
                var value = upserted is not null && index < upserted.Length ? upserted[index] : "unknown";
                index++;
                if (!applies) continue;
                var at = labels.FindIndex(l => l.Key == change.Tag);
                if (at >= 0) labels[at] = new(change.Tag, value);
                else labels.Add(new(change.Tag, value));
            }
        }
        return labels;
    }

    private static bool Covers(string mode, Reporter reporter) =>
        mode == "CLIENT_AND_SERVER" || (mode == "CLIENT" && reporter == Reporter.Source) || (mode == "SERVER" && reporter == Reporter.Destination);

    private static bool Matches(string rule, string metric) => rule == "ALL_METRICS" || rule == metric;
}
