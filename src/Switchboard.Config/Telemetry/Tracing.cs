using Switchboard.Config.Binding;

namespace Switchboard.Config.Telemetry;

/// <summary>Tracing settings; unset fields are filled from the parent scope.</summary>
public sealed record Tracing
{
    public WorkloadModeSelector? Match { get; init; }

    /// <summary>One provider per rule; empty uses <c>defaultProviders.tracing</c>.</summary>
    public IReadOnlyList<ProviderRef> Providers { get; init; } = [];

    /// <summary>0–100 (proto default 0).</summary>
    public double? RandomSamplingPercentage { get; init; }

    public bool? DisableSpanReporting { get; init; }

    /// <summary>Replaces (does not merge with) the parent's tags.</summary>
    public IReadOnlyDictionary<string, CustomTag> CustomTags { get; init; } = new Dictionary<string, CustomTag>();

    public bool? UseRequestIdForTraceSampling { get; init; }

    /// <summary>Default true.</summary>
    public bool? EnableIstioTags { get; init; }

    public bool? DisableContextPropagation { get; init; }
}

/// <summary>A span tag's value: exactly one of literal, environment, header or formatter.</summary>
public sealed record CustomTag
{
    public LiteralTag? Literal { get; init; }
    public EnvironmentTag? Environment { get; init; }
    public RequestHeaderTag? Header { get; init; }
    public FormatterTag? Formatter { get; init; }
}

/// <summary>A fixed tag value.</summary>
public sealed record LiteralTag
{
    [RequiredField]
    public string? Value { get; init; }
}

/// <summary>A tag read from the proxy's environment.</summary>
public sealed record EnvironmentTag
{
    [RequiredField]
    public string? Name { get; init; }

    public string? DefaultValue { get; init; }
}

/// <summary>A tag read from a request header.</summary>
public sealed record RequestHeaderTag
{
    [RequiredField]
    public string? Name { get; init; }

    public string? DefaultValue { get; init; }
}

/// <summary>A tag computed by an access-log formatter such as <c>%REQUESTED_SERVER_NAME%</c>.</summary>
public sealed record FormatterTag
{
    [RequiredField]
    public string? Value { get; init; }
}
