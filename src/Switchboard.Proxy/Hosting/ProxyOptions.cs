using System.Net;

namespace Switchboard.Proxy.Hosting;

/// <summary>Where the proxy listens (Istio's port numbers by default, DESIGN.md §2) and what it serves.</summary>
public sealed record ProxyOptions
{
    /// <summary>Outbound listener: explicit HTTP proxy requests now, captured traffic with the runtime.</summary>
    public IPEndPoint Outbound { get; init; } = new(IPAddress.Loopback, 15001);

    /// <summary>Admin (config_dump, clusters, quitquitquit): loopback only, always.</summary>
    public IPEndPoint Admin { get; init; } = new(IPAddress.Loopback, 15000);

    /// <summary>Readiness (<c>/healthz/ready</c>).</summary>
    public IPEndPoint Ready { get; init; } = new(IPAddress.Loopback, 15021);

    /// <summary>Prometheus metrics (<c>/stats/prometheus</c>).</summary>
    public IPEndPoint Metrics { get; init; } = new(IPAddress.Loopback, 15090);

    /// <summary>Inbound listener for captured traffic (original destination) from other proxies; null: none.</summary>
    public IPEndPoint? Inbound { get; init; }

    /// <summary>
    /// Extra inbound listeners standing in for the pod's own address (e.g. 127.0.0.2:8080 on one machine without
    /// capture): a connection to one of them is inbound traffic for that port, forwarded to the app on 127.0.0.1.
    /// </summary>
    public IReadOnlyList<IPEndPoint> InboundAddresses { get; init; } = [];

    /// <summary>Sidecar, or gateway: then the proxy also listens on <see cref="GatewayPorts"/> for the Gateway servers that select it.</summary>
    public Translation.ProxyConfig.ProxyRole Role { get; init; } = Translation.ProxyConfig.ProxyRole.Sidecar;

    /// <summary>
    /// The gateway role's ports, bound at start on <see cref="GatewayAddress"/> (Kestrel binds once; the runtime passes the
    /// gateway pod's container ports, as a Kubernetes gateway pod declares them). A Gateway server on a port not listed
    /// here has no socket, as on Kubernetes a port the gateway Service does not expose is unreachable.
    /// </summary>
    public IReadOnlyList<int> GatewayPorts { get; init; } = [];

    public System.Net.IPAddress GatewayAddress { get; init; } = System.Net.IPAddress.Any;

    /// <summary>Where access log lines go (<see cref="TextWriter.Null"/> turns the log off).</summary>
    public TextWriter AccessLog { get; init; } = Console.Out;

    /// <summary>
    /// How the outbound listener learns where a captured connection was going: <c>SO_ORIGINAL_DST</c> by default; tests on
    /// loopback, where nothing is redirected, give their own.
    /// </summary>
    public Switchboard.Proxy.Outbound.OriginalDestinationReader OriginalDestination { get; init; } = Switchboard.Proxy.Outbound.SocketOriginalDestination.Read;

    /// <summary>
    /// How long a captured connection to an undeclared port may stay silent or undecided before it is taken for opaque
    /// TCP (Istio's protocolDetectionTimeout). Istio had 100 ms and turned it off (no timeout, so a server-first protocol
    /// on an unnamed port hangs until the port is named); 100 ms took a client that was slow to write on a busy machine
    /// for TCP, silently skipping its routes (we saw it under load). One second is far beyond such a delay and still
    /// short for a server-first client, whose connect timeouts are seconds: it works, a second late, unnamed — and the
    /// well-known server-first and non-HTTP ports skip the wait altogether (<see cref="Outbound.ServerFirstPorts"/>).
    /// A mesh config that sets <c>protocolDetectionTimeout</c> overrides this (<c>0s</c>: Istio's wait for ever).
    /// </summary>
    public TimeSpan ProtocolDetectionTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Istio's default text layout, or one JSON object per line.</summary>
    public Telemetry.AccessLogEncoding AccessLogEncoding { get; init; } = Telemetry.AccessLogEncoding.Text;
}
