using Switchboard.Config.Binding;

namespace Switchboard.Config.Security;

/// <summary>AuthorizationPolicy spec: who may call what. reference/istio-api.md §2.2.</summary>
public sealed record AuthorizationPolicySpec
{
    public LabelSelector? Selector { get; init; }
    public IReadOnlyList<PolicyTargetReference> TargetRefs { get; init; } = [];

    [DeprecatedField("use targetRefs")]
    public PolicyTargetReference? TargetRef { get; init; }

    /// <summary>Absent rules never match: an ALLOW policy without rules allows nothing.</summary>
    public IReadOnlyList<Rule>? Rules { get; init; }

    public AuthorizationAction? Action { get; init; }
    public ExtensionProvider? Provider { get; init; }
}

/// <summary>What a matching policy does. Default ALLOW.</summary>
public enum AuthorizationAction { Allow, Deny, Audit, Custom }

/// <summary>The external authorizer of a CUSTOM policy.</summary>
public sealed record ExtensionProvider
{
    public string? Name { get; init; }
}

/// <summary>Matches when any <c>from</c>, any <c>to</c> and every <c>when</c> match (unset means any).</summary>
public sealed record Rule
{
    public IReadOnlyList<RuleFrom> From { get; init; } = [];
    public IReadOnlyList<RuleTo> To { get; init; } = [];
    public IReadOnlyList<Condition> When { get; init; } = [];
}

/// <summary>A <c>from</c> entry.</summary>
public sealed record RuleFrom
{
    public PolicySource? Source { get; init; }
}

/// <summary>A <c>to</c> entry.</summary>
public sealed record RuleTo
{
    public Operation? Operation { get; init; }
}

/// <summary>Request sources: fields AND-ed, values OR-ed.</summary>
public sealed record PolicySource
{
    public IReadOnlyList<string> Principals { get; init; } = [];
    public IReadOnlyList<string> NotPrincipals { get; init; } = [];
    public IReadOnlyList<string> RequestPrincipals { get; init; } = [];
    public IReadOnlyList<string> NotRequestPrincipals { get; init; } = [];
    public IReadOnlyList<string> Namespaces { get; init; } = [];
    public IReadOnlyList<string> NotNamespaces { get; init; } = [];
    public IReadOnlyList<string> ServiceAccounts { get; init; } = [];
    public IReadOnlyList<string> NotServiceAccounts { get; init; } = [];
    public IReadOnlyList<string> IpBlocks { get; init; } = [];
    public IReadOnlyList<string> NotIpBlocks { get; init; } = [];
    public IReadOnlyList<string> RemoteIpBlocks { get; init; } = [];
    public IReadOnlyList<string> NotRemoteIpBlocks { get; init; } = [];
    public IReadOnlyList<string> TrustDomains { get; init; } = [];
    public IReadOnlyList<string> NotTrustDomains { get; init; } = [];
}

/// <summary>Request operations: hosts, ports, methods, paths (HTTP-only except ports).</summary>
public sealed record Operation
{
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public IReadOnlyList<string> NotHosts { get; init; } = [];
    public IReadOnlyList<string> Ports { get; init; } = [];
    public IReadOnlyList<string> NotPorts { get; init; } = [];
    public IReadOnlyList<string> Methods { get; init; } = [];
    public IReadOnlyList<string> NotMethods { get; init; } = [];
    public IReadOnlyList<string> Paths { get; init; } = [];
    public IReadOnlyList<string> NotPaths { get; init; } = [];

    /// <summary>True when the operation names anything only an HTTP request has.</summary>
    public bool HasHttpOnlyFields => Hosts.Count + NotHosts.Count + Methods.Count + NotMethods.Count + Paths.Count + NotPaths.Count > 0;
}

/// <summary>A <c>when</c> condition on a request attribute.</summary>
public sealed record Condition
{
    [RequiredField]
    public string? Key { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];
    public IReadOnlyList<string> NotValues { get; init; } = [];
}
