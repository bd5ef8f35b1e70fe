namespace Switchboard.Authorization.Policies;

/// <summary>
/// The policies that apply to one workload, plus those left out because they use a feature Switchboard does not
/// implement (so the caller can log or surface them instead of silently ignoring them).
/// </summary>
public sealed record AuthzPolicySelection
{
    /// <summary>Mesh-wide (root namespace) first, then the workload's namespace; by name within each.</summary>
    public IReadOnlyList<AuthzPolicy> Policies { get; init; } = [];

    /// <summary><c>namespace/name</c> of policies skipped because they bind through <c>targetRef(s)</c>.</summary>
    public IReadOnlyList<string> Unsupported { get; init; } = [];
}
