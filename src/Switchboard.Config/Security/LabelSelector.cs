namespace Switchboard.Config.Security;

/// <summary><c>selector.matchLabels</c> of security and telemetry kinds.</summary>
public sealed record LabelSelector
{
    public IReadOnlyDictionary<string, string> MatchLabels { get; init; } = ObjectMeta.Empty;
}

/// <summary>A policy target by reference (<c>targetRefs</c>): Gateway, GatewayClass, Service or ServiceEntry.</summary>
public sealed record PolicyTargetReference
{
    public string? Group { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? Namespace { get; init; }
}
