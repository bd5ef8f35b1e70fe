namespace Switchboard.Config.Kubernetes;

/// <summary>A ConfigMap's body (mesh config and injector templates live in ConfigMaps).</summary>
public sealed record ConfigMapBody
{
    public IReadOnlyDictionary<string, string> Data { get; init; } = ObjectMeta.Empty;
    public IReadOnlyDictionary<string, string> BinaryData { get; init; } = ObjectMeta.Empty;
    public bool? Immutable { get; init; }
}
