using Switchboard.Config;
using Switchboard.Config.Telemetry;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Resolves the Telemetry API for one proxy (reference/istio-api.md §3.1):
/// 1. the levels that apply, in order: the root namespace's Telemetry without selector (mesh), the workload namespace's
///    without selector, then the namespace's Telemetry whose selector matches the workload (oldest wins at each level,
///    as Istio does for conflicting resources — IST0159/IST0160);
/// 2. access logging and tracing per side (client = outbound, server = inbound): each level's entry for a side
///    overrides only the fields it sets, starting from MeshConfig's defaults (<see cref="TelemetryDefaults"/>);
///    tracing customTags replace the parent's whole set;
/// 3. metric overrides accumulate, mesh first, and the proxy applies them in that order.
/// </summary>
internal static class TelemetryBuilder
{
    public static TelemetryPolicy Build(MeshSnapshot snapshot, ProxyNode node)
    {
        var defaults = snapshot.Options.Telemetry;
        var levels = Levels(snapshot, node).ToList();
        return new TelemetryPolicy
        {
            ClientAccessLog = AccessLog(levels, WorkloadMode.Client, defaults),
            ServerAccessLog = AccessLog(levels, WorkloadMode.Server, defaults),
            ClientTracing = Tracing(levels, WorkloadMode.Client, defaults),
            ServerTracing = Tracing(levels, WorkloadMode.Server, defaults),
            MetricOverrides = levels.SelectMany(t => t.Metrics).SelectMany(m => m.Overrides).Select(Override).ToList(),
        };
    }

    private static IEnumerable<TelemetrySpec> Levels(MeshSnapshot snapshot, ProxyNode node)
    {
        var root = snapshot.Options.RootNamespace;
        static bool Unselected(Resource<TelemetrySpec> t) => t.Spec.Selector is not { MatchLabels.Count: > 0 } && t.Spec.TargetRefs.Count == 0 && t.Spec.TargetRef is null;
        if (snapshot.TelemetriesIn(root).FirstOrDefault(Unselected) is { } mesh) yield return mesh.Spec;
        if (node.Namespace != root && snapshot.TelemetriesIn(node.Namespace).FirstOrDefault(Unselected) is { } ns) yield return ns.Spec;
        var workload = snapshot.TelemetriesIn(node.Namespace)
            .FirstOrDefault(t => t.Spec.Selector is { MatchLabels.Count: > 0 } s && Selector.Matches(s.MatchLabels, node.Labels));
        if (workload is not null) yield return workload.Spec;
    }

    private static bool AppliesTo(WorkloadModeSelector? match, WorkloadMode side) =>
        (match?.Mode ?? WorkloadMode.ClientAndServer) is var mode && (mode == WorkloadMode.ClientAndServer || mode == side);

    private static AccessLogPolicy AccessLog(IReadOnlyList<TelemetrySpec> levels, WorkloadMode side, TelemetryDefaults defaults)
    {
        IReadOnlyList<string> providers = defaults.DefaultAccessLogging;
        var disabled = false;
        string? filter = null;
        foreach (var entry in levels.SelectMany(t => t.AccessLogging).Where(a => AppliesTo(a.Match, side)))
        {
            if (entry.Providers.Count > 0) providers = entry.Providers.Select(p => p.Name!).ToList();
            if (entry.Disabled is { } off) disabled = off;
            if (entry.Filter?.Expression is { } expression) filter = expression;
        }
        if (disabled) return new AccessLogPolicy();
        return new AccessLogPolicy { Sinks = providers.Select(p => Sink(p, defaults, filter)).OfType<AccessLogSink>().ToList() };
    }

    /// <summary>The built-in <c>envoy</c> provider is stdout in the mesh's encoding; others come from extensionProviders.</summary>
    private static AccessLogSink? Sink(string provider, TelemetryDefaults defaults, string? filter)
    {
        if (provider == "envoy") return new AccessLogSink { Provider = provider, Encoding = defaults.AccessLogEncoding, Filter = filter };
        if (defaults.Providers.FirstOrDefault(p => p.Name == provider && p.Kind == "envoyFileAccessLog") is not { } file) return null;
        return new AccessLogSink { Provider = provider, Path = file.Path, Encoding = file.JsonLabels ? "JSON" : "TEXT", Filter = filter, Format = file.JsonLabels ? null : file.TextFormat };
    }

    private static TracingPolicy? Tracing(IReadOnlyList<TelemetrySpec> levels, WorkloadMode side, TelemetryDefaults defaults)
    {
        IReadOnlyList<string> providers = defaults.DefaultTracing;
        var sampling = defaults.DefaultSamplingPercentage;
        var disableReporting = false;
        IReadOnlyList<SpanTag> tags = [];
        foreach (var entry in levels.SelectMany(t => t.Tracing).Where(t => AppliesTo(t.Match, side)))
        {
            if (entry.Providers.Count > 0) providers = entry.Providers.Select(p => p.Name!).ToList();
            if (entry.RandomSamplingPercentage is { } percentage) sampling = percentage;
            if (entry.DisableSpanReporting is { } off) disableReporting = off;
            if (entry.CustomTags.Count > 0) tags = entry.CustomTags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => Tag(t.Key, t.Value)).OfType<SpanTag>().ToList();
        }
        var provider = providers.Select(name => defaults.Providers.FirstOrDefault(p => p.Name == name && p.Kind is "opentelemetry" or "zipkin")).FirstOrDefault(p => p is not null);
        if (provider is null || provider.Service is null || provider.Port == 0) return null;
        return new TracingPolicy
        {
            Provider = provider.Name,
            Kind = provider.Kind,
            Collector = $"{provider.Service}:{provider.Port}",
            Path = provider.Path,
            Http = provider.Http || provider.Kind == "zipkin",
            SamplingPercentage = Math.Clamp(sampling, 0, 100),
            DisableSpanReporting = disableReporting,
            CustomTags = tags,
        };
    }

    private static SpanTag? Tag(string name, CustomTag tag) => tag switch
    {
        { Literal.Value: { } value } => new SpanTag { Name = name, Kind = "literal", Value = value },
        { Environment.Name: { } variable } => new SpanTag { Name = name, Kind = "environment", Value = variable, DefaultValue = tag.Environment.DefaultValue },
        { Header.Name: { } header } => new SpanTag { Name = name, Kind = "header", Value = header.ToLowerInvariant(), DefaultValue = tag.Header.DefaultValue },
        _ => null,
    };

    private static MetricOverride Override(MetricsOverrides o) => new()
    {
        Metric = o.Match?.CustomMetric ?? Screaming(o.Match?.Metric ?? IstioMetric.AllMetrics),
        Mode = Screaming(o.Match?.Mode ?? WorkloadMode.ClientAndServer),
        Disabled = o.Disabled,
        Tags = o.TagOverrides.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new TagChange { Tag = t.Key, Remove = t.Value.Operation == TagOperation.Remove, Value = t.Value.Value }).ToList(),
    };

    /// <summary>The API's spelling of an enum value: <c>RequestCount</c> → <c>REQUEST_COUNT</c>.</summary>
    private static string Screaming<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
