using Switchboard.Config.Binding;

namespace Switchboard.Config.Networking;

/// <summary>Gateway spec: listeners at the mesh edge for the workloads its selector picks. reference/istio-api.md §1.3.</summary>
public sealed record GatewaySpec
{
    public IReadOnlyList<Server> Servers { get; init; } = [];
    public IReadOnlyDictionary<string, string>? Selector { get; init; }
}

/// <summary>One listener of a gateway. STUB: to be completed.</summary>
public sealed record Server
{
    [RequiredField]
    public GatewayPort? Port { get; init; }

    public string? Bind { get; init; }
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public ServerTlsSettings? Tls { get; init; }
    public string? Name { get; init; }
}

/// <summary>A gateway or Sidecar port: number, protocol, name.</summary>
public sealed record GatewayPort
{
    public uint Number { get; init; }
    public string? Protocol { get; init; }
    public string? Name { get; init; }
    public uint? TargetPort { get; init; }
}

/// <summary>Server-side TLS modes.</summary>
public enum ServerTlsMode { Passthrough, Simple, Mutual, AutoPassthrough, IstioMutual, OptionalMutual }

/// <summary>Gateway TLS settings. STUB: to be completed.</summary>
public sealed record ServerTlsSettings
{
    public bool? HttpsRedirect { get; init; }
    public ServerTlsMode? Mode { get; init; }
    public string? CredentialName { get; init; }
}
