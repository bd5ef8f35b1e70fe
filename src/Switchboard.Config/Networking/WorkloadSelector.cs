namespace Switchboard.Config.Networking;

/// <summary>Selects workloads by labels (<c>workloadSelector.labels</c> in networking kinds).</summary>
public sealed record WorkloadSelector
{
    public IReadOnlyDictionary<string, string> Labels { get; init; } = ObjectMeta.Empty;
}
