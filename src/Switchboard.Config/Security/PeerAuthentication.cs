namespace Switchboard.Config.Security;

/// <summary>PeerAuthentication spec: which mTLS mode a workload accepts. reference/istio-api.md §2.1.</summary>
public sealed record PeerAuthenticationSpec
{
    /// <summary>Workloads in the policy's namespace; absent means the whole namespace (or mesh, in the root namespace).</summary>
    public LabelSelector? Selector { get; init; }

    public PeerMtls? Mtls { get; init; }

    /// <summary>Per workload-port overrides; keys are container port numbers. Requires a selector.</summary>
    public IReadOnlyDictionary<string, PeerMtls> PortLevelMtls { get; init; } = new Dictionary<string, PeerMtls>();
}

/// <summary>mTLS modes; UNSET inherits from the parent scope and ends at PERMISSIVE.</summary>
public enum MtlsMode { Unset, Disable, Permissive, Strict }

/// <summary>An mTLS mode setting.</summary>
public sealed record PeerMtls
{
    public MtlsMode? Mode { get; init; }
}
