namespace Switchboard.Translation.ProxyConfig;

/// <summary>
/// One listening port of a gateway: the servers of every Gateway that selects the proxy and names this port, as
/// filter chains picked per connection by SNI (reference/istio-api.md §1.3).
/// </summary>
public sealed record GatewayListener
{
    /// <summary>Where the proxy listens: the gateway Service's targetPort for the server port, else the server port itself (as Istio).</summary>
    public required int Port { get; init; }

    /// <summary>The Gateway server's <c>port.number</c>: what VirtualService <c>port</c> matches and redirects see.</summary>
    public required int ServerPort { get; init; }

    /// <summary>The servers' protocol, upper case: HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, TLS or TCP.</summary>
    public required string Protocol { get; init; }

    /// <summary>Ordered: the first chain whose server names fit the client's SNI serves the connection.</summary>
    public IReadOnlyList<GatewayChain> Chains { get; init; } = [];
}

/// <summary>
/// A filter chain: which connections it takes (SNI), how their TLS is handled, and where the bytes or requests go.
/// HTTP chains route requests with <see cref="Routes"/>; TCP and TLS chains forward connections by <see cref="TcpRoutes"/>.
/// </summary>
public sealed record GatewayChain
{
    /// <summary><c>namespace/gateway</c> and server index (or the server's name): what the access log and config dumps call it.</summary>
    public required string Name { get; init; }

    /// <summary>SNI names this chain takes (exact or <c>*.suffix</c>); empty takes any (and connections without SNI).</summary>
    public IReadOnlyList<string> ServerNames { get; init; } = [];

    /// <summary>How TLS is handled; null for plain text.</summary>
    public GatewayTls? Tls { get; init; }

    /// <summary>HTTP routes (virtual hosts by authority), for HTTP-carrying servers.</summary>
    public RouteTable? Routes { get; init; }

    /// <summary>L4 routes for TCP servers and TLS passthrough: the first one forwards the connection.</summary>
    public IReadOnlyList<L4Route> TcpRoutes { get; init; } = [];
}

/// <summary>A gateway server's TLS: terminate (SIMPLE, MUTUAL, OPTIONAL_MUTUAL, ISTIO_MUTUAL) or pass through (PASSTHROUGH).</summary>
public sealed record GatewayTls
{
    public const string Simple = "SIMPLE";
    public const string Mutual = "MUTUAL";
    public const string OptionalMutual = "OPTIONAL_MUTUAL";
    public const string IstioMutual = "ISTIO_MUTUAL";
    public const string Passthrough = "PASSTHROUGH";

    public required string Mode { get; init; }

    /// <summary>The Secret holding the certificate (and the client CA), in the gateway workload's namespace.</summary>
    public CredentialReference? Credential { get; init; }

    /// <summary>File paths, when the server names files instead of a Secret.</summary>
    public string? CertificateFile { get; init; }

    public string? PrivateKeyFile { get; init; }
    public string? CaCertificatesFile { get; init; }

    /// <summary>Accepted client certificate SANs for MUTUAL (empty: any the CA signed).</summary>
    public IReadOnlyList<string> SubjectAltNames { get; init; } = [];

    /// <summary>TLSV1_0..TLSV1_3; Istio's default minimum for gateways is TLSV1_2.</summary>
    public string MinProtocolVersion { get; init; } = "TLSV1_2";

    public string MaxProtocolVersion { get; init; } = "TLSV1_3";

    /// <summary>Whether the client must, may, or may not present a certificate.</summary>
    public bool RequiresClientCertificate => Mode is Mutual or IstioMutual;

    public bool RequestsClientCertificate => Mode is Mutual or IstioMutual or OptionalMutual;
}

/// <summary>
/// A <c>credentialName</c> as translation resolved it: the Secret's namespace and name and a digest of its content, so a
/// changed Secret is a changed config and the proxy fetches it again. The key itself never enters the config.
/// </summary>
public sealed record CredentialReference
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }

    /// <summary>A digest of the Secret's data (and of <c>NAME-cacert</c>, if any); <c>absent</c> when there is no such Secret.</summary>
    public required string Version { get; init; }

    public const string Absent = "absent";
}
