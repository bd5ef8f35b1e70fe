namespace Switchboard.Translation.ProxyConfig;

/// <summary>What the proxy's inbound side accepts from peers, per port: PeerAuthentication's effective mode.</summary>
public enum PeerMode { Permissive, Strict, Disable }

/// <summary>
/// The inbound side of one proxy: the mTLS mode for connections to each of its workload's ports, and for any other
/// port. Resolved per workload (<c>MtlsPolicy</c>), never shared between proxies of a shape: PeerAuthentication
/// selectors and container ports are the workload's own.
/// </summary>
public sealed record InboundPolicy
{
    /// <summary>The mode for ports without a port-level setting.</summary>
    public PeerMode Mode { get; init; } = PeerMode.Permissive;

    /// <summary>The PeerAuthentication (<c>namespace/name</c>) that decided <see cref="Mode"/>; null for Istio's default.</summary>
    public string? Policy { get; init; }

    /// <summary>The workload's ports (container ports and Service target ports), each with its mode, ordered by port.</summary>
    public IReadOnlyList<InboundPort> Ports { get; init; } = [];

    /// <summary>The AuthorizationPolicies that apply to the workload (its own, its namespace's, the mesh's), oldest first.</summary>
    public IReadOnlyList<Switchboard.Authorization.Policies.AuthzPolicy> Authorization { get; init; } = [];

    /// <summary>MeshConfig pathNormalization: how the inbound side normalizes a path before authorizing and forwarding it.</summary>
    public string PathNormalization { get; init; } = "BASE";

    /// <summary>The external authorizers (MeshConfig extensionProviders) the CUSTOM policies in <see cref="Authorization"/> name.</summary>
    public IReadOnlyList<Switchboard.Model.ExtAuthzProvider> ExtAuthz { get; init; } = [];

    /// <summary>The JWT rules of the RequestAuthentications that apply, with their key sets resolved (or the fetch error).</summary>
    public IReadOnlyList<Switchboard.Authentication.Config.JwtRuleConfig> JwtRules { get; init; } = [];

    /// <summary>The protocol of <paramref name="port"/>, if a Service names one.</summary>
    public string? ProtocolOf(int port) => Ports.FirstOrDefault(p => p.Port == port)?.Protocol;

    /// <summary>The mode for <paramref name="port"/>.</summary>
    public PeerMode ModeFor(int port)
    {
        foreach (var p in Ports)
        {
            if (p.Port == port) return p.Mode;
        }
        return Mode;
    }
}

/// <summary>One inbound port and the mTLS mode it accepts.</summary>
public sealed record InboundPort
{
    public required int Port { get; init; }

    /// <summary>The protocol of the Service port that targets it (<c>http</c>, <c>http2</c>, <c>grpc</c>, …); null when none says.</summary>
    public string? Protocol { get; init; }

    public PeerMode Mode { get; init; } = PeerMode.Permissive;
    public string? Policy { get; init; }
}
