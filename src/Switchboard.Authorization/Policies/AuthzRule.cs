namespace Switchboard.Authorization.Policies;

/// <summary>
/// A rule: matches when any <see cref="From"/>, any <see cref="To"/> and every <see cref="When"/> match;
/// an empty list means "any" (authorization_policy.proto, <c>Rule</c>).
/// </summary>
public sealed record AuthzRule
{
    public IReadOnlyList<AuthzSource> From { get; init; } = [];
    public IReadOnlyList<AuthzOperation> To { get; init; } = [];
    public IReadOnlyList<AuthzCondition> When { get; init; } = [];
}
