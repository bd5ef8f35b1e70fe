using Switchboard.Config.Nodes;

namespace Switchboard.Config.Kubernetes;

/// <summary>A Namespace's body: the mesh reads only its labels (injection), which live in metadata.</summary>
public sealed record NamespaceBody
{
    public ConfigNode? Spec { get; init; }
    public ConfigNode? Status { get; init; }
}
