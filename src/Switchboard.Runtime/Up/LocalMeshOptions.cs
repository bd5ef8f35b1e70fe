using System.Net;
using Switchboard.Runtime.Network;

namespace Switchboard.Runtime.Up;

/// <summary>How <c>sbctl up</c> runs: where its state lives, its network, its control plane's ports, and the programs it starts.</summary>
public sealed record LocalMeshOptions(string ConfigDirectory, string StateDirectory)
{
    public NetworkLayout Layout { get; init; } = new();

    /// <summary>The control plane's HTTP API (what sbctl talks to), on loopback.</summary>
    public IPEndPoint Http { get; init; } = new(IPAddress.Loopback, 15014);

    public int SecurePort { get; init; } = 15012;

    /// <summary>How to start a sidecar: a program and its leading arguments (the proxy's own flags follow).</summary>
    public required IReadOnlyList<string> Proxy { get; init; }

    /// <summary>How to start the sample workload for image-only containers (<c>x sample-app</c> flags follow).</summary>
    public required IReadOnlyList<string> SampleApp { get; init; }

    /// <summary>The UID/GID sidecars run as; excluded from capture so their own traffic is not redirected back to them.</summary>
    public int ProxyUid { get; init; } = 1337;

    /// <summary>The UID apps run as unless their securityContext says otherwise (never the proxy's).</summary>
    public int AppUid { get; init; } = 1000;

    /// <summary>The node pods are scheduled on (their spec.nodeName): this machine.</summary>
    public string NodeName { get; init; } = Environment.MachineName;

    public Random Random { get; init; } = Random.Shared;

    /// <summary>Gateway Service ports below 1024 are exposed on the host's loopback this much higher (443 → 8443).</summary>
    public int GatewayPortOffset { get; init; } = 8000;
}
