using Switchboard.Config.Nodes;

namespace Switchboard.Config.Kubernetes;

/// <summary>A ServiceAccount's body: its name is the workload identity; the rest is accepted, not used.</summary>
public sealed record ServiceAccountBody
{
    public ConfigNode? Secrets { get; init; }
    public ConfigNode? ImagePullSecrets { get; init; }
    public bool? AutomountServiceAccountToken { get; init; }
}
