using Switchboard.Config;
using Switchboard.Config.Networking;

namespace Switchboard.Model;

/// <summary>A DestinationRule with its host resolved in its own namespace.</summary>
public sealed record DestinationRuleModel
{
    public required Resource<DestinationRuleSpec> Resource { get; init; }

    /// <summary>The FQDN (or wildcard) the rule applies to.</summary>
    public required string Host { get; init; }

    /// <summary>Position in <see cref="ConfigOrder"/> (older first).</summary>
    public int Ordinal { get; init; }

    public string Name => Resource.Name;
    public string Namespace => Resource.Namespace;
    public DestinationRuleSpec Spec => Resource.Spec;
    public IReadOnlyList<string> ExportTo => Spec.ExportTo;

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => $"{Namespace}/{Name}";
}
