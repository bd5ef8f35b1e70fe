namespace Switchboard.Config.Telemetry;

/// <summary>Access-logging settings: providers, on/off, CEL filter.</summary>
public sealed record AccessLogging
{
    public WorkloadModeSelector? Match { get; init; }

    /// <summary>Empty uses <c>defaultProviders.accessLogging</c>.</summary>
    public IReadOnlyList<ProviderRef> Providers { get; init; } = [];

    public bool? Disabled { get; init; }
    public AccessLogFilter? Filter { get; init; }
}

/// <summary>A CEL expression selecting which requests are logged, e.g. <c>response.code >= 400</c>.</summary>
public sealed record AccessLogFilter
{
    public string? Expression { get; init; }
}
