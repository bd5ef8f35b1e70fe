using Switchboard.Config.Telemetry;

namespace Switchboard.Config.Validation;

/// <summary>Checks a Telemetry beyond its types (reference/istio-api.md §3.1): targets, providers, sampling, tags, overrides.</summary>
public sealed class TelemetryValidator : SpecValidator<TelemetrySpec>
{
    protected override void Validate(Resource<TelemetrySpec> resource, ValidationContext context)
    {
        var spec = resource.Spec;
        PolicyTargetChecks.Validate(context, spec.Selector, spec.TargetRef, spec.TargetRefs);
        if (spec.Tracing.Count > 1) context.Warning("spec.tracing", "only one tracing entry is supported; the others are ignored");
        for (var i = 0; i < spec.Tracing.Count; i++) Tracing(context, $"spec.tracing[{i}]", spec.Tracing[i]);
        for (var i = 0; i < spec.Metrics.Count; i++) Metrics(context, $"spec.metrics[{i}]", spec.Metrics[i]);
        for (var i = 0; i < spec.AccessLogging.Count; i++)
        {
            var logging = spec.AccessLogging[i];
            if (logging.Filter is { } filter && string.IsNullOrWhiteSpace(filter.Expression))
            {
                context.Error($"spec.accessLogging[{i}].filter.expression", "filter needs a CEL expression");
            }
            else if (logging.Filter?.Expression is { } expression) Expression(context, $"spec.accessLogging[{i}].filter.expression", expression, Switchboard.Telemetry.Expressions.CelType.Bool);
        }
    }

    private static void Tracing(ValidationContext context, string path, Tracing tracing)
    {
        if (tracing.Providers.Count > 1) context.Warning($"{path}.providers", "only one tracing provider per entry is supported");
        if (tracing.RandomSamplingPercentage is { } sampling && sampling is < 0 or > 100)
        {
            context.Error($"{path}.randomSamplingPercentage", $"randomSamplingPercentage {sampling} is not in 0..100");
        }
        foreach (var (name, tag) in tracing.CustomTags)
        {
            var tagPath = $"{path}.customTags[{name}]";
            if (name.Length == 0) context.Error(tagPath, "tag name must not be empty");
            var kinds = (tag.Literal is null ? 0 : 1) + (tag.Environment is null ? 0 : 1) + (tag.Header is null ? 0 : 1) + (tag.Formatter is null ? 0 : 1);
            if (kinds != 1) context.Error(tagPath, "a custom tag needs exactly one of literal, environment, header or formatter");
        }
    }

    private static void Metrics(ValidationContext context, string path, Metrics metrics)
    {
        DurationChecks.AtLeastOneMillisecond(context, $"{path}.reportingInterval", metrics.ReportingInterval);
        for (var i = 0; i < metrics.Overrides.Count; i++)
        {
            var overridePath = $"{path}.overrides[{i}]";
            var entry = metrics.Overrides[i];
            if (entry.Match is { } match)
            {
                if (match.Metric is not null && match.CustomMetric is not null) context.Error($"{overridePath}.match", "only one of metric and customMetric may be set");
                if (match.CustomMetric is { Length: 0 }) context.Error($"{overridePath}.match.customMetric", "customMetric must not be empty");
            }
            foreach (var (tag, change) in entry.TagOverrides)
            {
                var tagPath = $"{overridePath}.tagOverrides[{tag}]";
                if (tag.Length == 0) context.Error(tagPath, "tag name must not be empty");
                if (change.Operation is null or TagOperation.Upsert && string.IsNullOrEmpty(change.Value)) context.Error(tagPath, "UPSERT needs a value (a CEL expression)");
                if (change.Operation == TagOperation.Remove && !string.IsNullOrEmpty(change.Value)) context.Error($"{tagPath}.value", "value is only used with UPSERT");
                else if (!string.IsNullOrEmpty(change.Value)) Expression(context, $"{tagPath}.value", change.Value, Switchboard.Telemetry.Expressions.CelType.Dyn);
            }
        }
    }

    /// <summary>
    /// The expression compiles with the proxy's own CEL compiler (same attributes, functions and limits), so what
    /// passes here is what a proxy accepts; each error is reported at the field with its column.
    /// </summary>
    private static void Expression(ValidationContext context, string path, string text, Switchboard.Telemetry.Expressions.CelType type)
    {
        if (Switchboard.Telemetry.Expressions.CelExpression.TryParse(text, type, out _, out var errors)) return;
        foreach (var error in errors) context.Error(path, $"invalid CEL expression: {error}");
    }
}
