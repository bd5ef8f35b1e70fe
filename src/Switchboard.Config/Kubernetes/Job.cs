using Switchboard.Config.Nodes;

namespace Switchboard.Config.Kubernetes;

/// <summary>
/// A Job's spec (batch/v1): pods of a template run to completion. The local runtime reads the template, completions,
/// parallelism and backoffLimit; the rest is accepted as Kubernetes defines it (so a cluster's Job YAML loads unchanged).
/// </summary>
public sealed record JobSpec
{
    public PodTemplate? Template { get; init; }

    /// <summary>How many pods must succeed (default 1).</summary>
    public int? Completions { get; init; }

    /// <summary>How many pods may run at once (default 1).</summary>
    public int? Parallelism { get; init; }

    /// <summary>How many failures (failed pods, or container restarts under OnFailure) before the Job fails (default 6).</summary>
    public int? BackoffLimit { get; init; }

    public long? ActiveDeadlineSeconds { get; init; }
    public int? TtlSecondsAfterFinished { get; init; }
    public LabelSelectorSpec? Selector { get; init; }
    public bool? ManualSelector { get; init; }
    public string? CompletionMode { get; init; }
    public bool? Suspend { get; init; }
    public ConfigNode? PodFailurePolicy { get; init; }
    public ConfigNode? SuccessPolicy { get; init; }
    public int? BackoffLimitPerIndex { get; init; }
    public int? MaxFailedIndexes { get; init; }
    public string? PodReplacementPolicy { get; init; }
    public string? ManagedBy { get; init; }
}
