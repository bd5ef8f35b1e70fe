namespace Switchboard.Authorization.Policies;

/// <summary>
/// Who sent the request. Every non-empty field must match (AND); values inside a field are alternatives (OR);
/// a <c>Not*</c> field excludes the request when any of its values matches. Principals are SPIFFE IDs without
/// <c>spiffe://</c> (<c>cluster.local/ns/x/sa/y</c>); service accounts are <c>ns/sa</c>, already qualified.
/// </summary>
public sealed record AuthzSource
{
    public IReadOnlyList<string> Principals { get; init; } = [];
    public IReadOnlyList<string> NotPrincipals { get; init; } = [];
    public IReadOnlyList<string> RequestPrincipals { get; init; } = [];
    public IReadOnlyList<string> NotRequestPrincipals { get; init; } = [];
    public IReadOnlyList<string> Namespaces { get; init; } = [];
    public IReadOnlyList<string> NotNamespaces { get; init; } = [];
    public IReadOnlyList<string> ServiceAccounts { get; init; } = [];
    public IReadOnlyList<string> NotServiceAccounts { get; init; } = [];
    public IReadOnlyList<string> TrustDomains { get; init; } = [];
    public IReadOnlyList<string> NotTrustDomains { get; init; } = [];
    public IReadOnlyList<string> IpBlocks { get; init; } = [];
    public IReadOnlyList<string> NotIpBlocks { get; init; } = [];
    public IReadOnlyList<string> RemoteIpBlocks { get; init; } = [];
    public IReadOnlyList<string> NotRemoteIpBlocks { get; init; } = [];
}
