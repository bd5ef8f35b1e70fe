using Switchboard.Config.Binding;

namespace Switchboard.Config.Networking;

/// <summary>Gateway spec: listeners at the mesh edge for the workloads its selector picks. reference/istio-api.md §1.3.</summary>
public sealed record GatewaySpec
{
    public IReadOnlyList<Server> Servers { get; init; } = [];

    /// <summary>Labels of the gateway workloads, searched in all namespaces; absent selects every workload.</summary>
    public IReadOnlyDictionary<string, string>? Selector { get; init; }
}

/// <summary>One listener of a gateway: port, hosts it accepts, TLS.</summary>
public sealed record Server
{
    [RequiredField]
    public GatewayPort? Port { get; init; }

    /// <summary>An IP or <c>unix://</c> socket to listen on instead of all addresses.</summary>
    public string? Bind { get; init; }

    /// <summary><c>[namespace/]dnsName</c> entries; required.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    public ServerTlsSettings? Tls { get; init; }

    /// <summary>Unique name, used as a stats prefix.</summary>
    public string? Name { get; init; }

    /// <summary>Where traffic goes by default (not implemented by Istio).</summary>
    public string? DefaultEndpoint { get; init; }
}

/// <summary>A gateway or Sidecar port: number, protocol, name.</summary>
public sealed record GatewayPort
{
    public uint Number { get; init; }

    /// <summary>HTTP, HTTPS, GRPC, GRPC-WEB, HTTP2, MONGO, TCP or TLS.</summary>
    public string? Protocol { get; init; }

    public string? Name { get; init; }

    /// <summary>Deprecated and without effect on gateways and sidecars; the validators reject it.</summary>
    public uint? TargetPort { get; init; }
}
