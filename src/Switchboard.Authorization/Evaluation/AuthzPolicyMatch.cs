using Switchboard.Authorization.Policies;

namespace Switchboard.Authorization.Evaluation;

/// <summary>A policy that matched a request, and the index of its first matching rule.</summary>
public sealed record AuthzPolicyMatch
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public required AuthzAction Action { get; init; }
    public required int RuleIndex { get; init; }

    /// <summary>The extension provider of a CUSTOM policy; null for other actions.</summary>
    public string? Provider { get; init; }

    public bool DryRun { get; init; }

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => $"{Namespace}/{Name}";

    internal static AuthzPolicyMatch Of(AuthzPolicy policy, int ruleIndex) => new()
    {
        Namespace = policy.Namespace,
        Name = policy.Name,
        Action = policy.Action,
        RuleIndex = ruleIndex,
        Provider = policy.Provider,
        DryRun = policy.DryRun,
    };
}
