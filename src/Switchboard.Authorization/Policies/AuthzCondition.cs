namespace Switchboard.Authorization.Policies;

/// <summary>
/// A <c>when</c> condition: the attribute named by <see cref="Key"/> (istio.io "Authorization Policy Conditions")
/// must match one of <see cref="Values"/> (if any) and none of <see cref="NotValues"/>.
/// </summary>
public sealed record AuthzCondition
{
    public required string Key { get; init; }
    public IReadOnlyList<string> Values { get; init; } = [];
    public IReadOnlyList<string> NotValues { get; init; } = [];
}
