using Switchboard.Config.Binding;
using Switchboard.Config.Nodes;

namespace Switchboard.Config;

/// <summary>Kubernetes object metadata: the fields a mesh reads, plus the ones tools write (accepted, not used).</summary>
public sealed record ObjectMeta
{
    public string? Name { get; init; }
    public string? GenerateName { get; init; }
    public string? Namespace { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Empty;
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = Empty;
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
    public long? Generation { get; init; }
    public string? CreationTimestamp { get; init; }
    public string? DeletionTimestamp { get; init; }
    public long? DeletionGracePeriodSeconds { get; init; }
    public IReadOnlyList<string> Finalizers { get; init; } = [];
    public ConfigNode? OwnerReferences { get; init; }
    public ConfigNode? ManagedFields { get; init; }
    public string? SelfLink { get; init; }

    /// <summary>The shared empty string map used as the default of every label-like field.</summary>
    public static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
