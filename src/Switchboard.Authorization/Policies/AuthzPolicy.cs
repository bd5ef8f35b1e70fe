namespace Switchboard.Authorization.Policies;

/// <summary>
/// One AuthorizationPolicy as the proxy receives it over the wire: flattened (no <c>from[].source</c> wrappers),
/// service accounts resolved to <c>ns/sa</c>, and the dry-run annotation folded in. Built by <see cref="AuthzPolicyMapper"/>.
/// </summary>
public sealed record AuthzPolicy
{
    public required string Name { get; init; }
    public required string Namespace { get; init; }
    public AuthzAction Action { get; init; } = AuthzAction.Allow;

    /// <summary>The extension provider a CUSTOM policy calls (<c>provider.name</c>); null otherwise.</summary>
    public string? Provider { get; init; }

    /// <summary>
    /// <c>istio.io/dry-run: "true"</c>: the policy is evaluated and reported (shadow result) but never changes the
    /// decision, and a dry-run ALLOW does not count as "the workload has ALLOW policies".
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// The rules; an empty list never matches (<c>spec: {}</c> as ALLOW denies everything), while one empty rule
    /// (<c>rules: [{}]</c>) matches every request.
    /// </summary>
    public IReadOnlyList<AuthzRule> Rules { get; init; } = [];

    /// <summary><c>namespace/name</c>, for decisions and logs.</summary>
    public string Key => $"{Namespace}/{Name}";
}
