using Switchboard.Config.Nodes;

namespace Switchboard.Config.Kubernetes;

/// <summary>A Deployment's spec: replicas of a pod template.</summary>
public sealed record DeploymentSpec
{
    public int? Replicas { get; init; }
    public LabelSelectorSpec? Selector { get; init; }
    public PodTemplate? Template { get; init; }
    public ConfigNode? Strategy { get; init; }
    public int? MinReadySeconds { get; init; }
    public int? RevisionHistoryLimit { get; init; }
    public bool? Paused { get; init; }
    public int? ProgressDeadlineSeconds { get; init; }
}
