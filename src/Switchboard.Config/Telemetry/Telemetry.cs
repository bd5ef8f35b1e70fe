using Switchboard.Config.Binding;
using Switchboard.Config.Security;

namespace Switchboard.Config.Telemetry;

/// <summary>Telemetry spec: tracing, metrics and access logging for a mesh, namespace or workload. reference/istio-api.md §3.1.</summary>
public sealed record TelemetrySpec
{
    public LabelSelector? Selector { get; init; }
    public IReadOnlyList<PolicyTargetReference> TargetRefs { get; init; } = [];

    [DeprecatedField("use targetRefs")]
    public PolicyTargetReference? TargetRef { get; init; }

    public IReadOnlyList<Tracing> Tracing { get; init; } = [];
    public IReadOnlyList<Metrics> Metrics { get; init; } = [];
    public IReadOnlyList<AccessLogging> AccessLogging { get; init; } = [];
}

/// <summary>An extension provider (defined in MeshConfig) by name.</summary>
public sealed record ProviderRef
{
    [RequiredField]
    public string? Name { get; init; }
}

/// <summary>Which side of a connection a telemetry rule applies to.</summary>
public enum WorkloadMode { ClientAndServer, Client, Server }

/// <summary>Restricts a tracing or access-logging rule to client or server traffic.</summary>
public sealed record WorkloadModeSelector
{
    /// <summary>Default CLIENT_AND_SERVER.</summary>
    public WorkloadMode? Mode { get; init; }
}
