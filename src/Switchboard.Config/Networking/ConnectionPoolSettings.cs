namespace Switchboard.Config.Networking;

/// <summary>Connection limits per upstream host, for TCP and HTTP.</summary>
public sealed record ConnectionPoolSettings
{
    public TcpSettings? Tcp { get; init; }
    public HttpSettings? Http { get; init; }
}

/// <summary>TCP connection pool settings, common to HTTP and TCP upstreams.</summary>
public sealed record TcpSettings
{
    /// <summary>Default 2^32-1.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Default 10s; at least 1ms.</summary>
    public Types.Duration? ConnectTimeout { get; init; }

    public TcpKeepalive? TcpKeepalive { get; init; }
    public Types.Duration? MaxConnectionDuration { get; init; }

    /// <summary>Default 1h; <c>0s</c> disables.</summary>
    public Types.Duration? IdleTimeout { get; init; }
}

/// <summary>SO_KEEPALIVE settings; unset fields use the OS defaults.</summary>
public sealed record TcpKeepalive
{
    public uint? Probes { get; init; }
    public Types.Duration? Time { get; init; }
    public Types.Duration? Interval { get; init; }
}

/// <summary>Whether HTTP/1.1 upstream connections are upgraded to HTTP/2.</summary>
public enum H2UpgradePolicy { Default, DoNotUpgrade, Upgrade }

/// <summary>HTTP connection pool settings (HTTP/1.1, HTTP/2, gRPC).</summary>
public sealed record HttpSettings
{
    public int? Http1MaxPendingRequests { get; init; }
    public int? Http2MaxRequests { get; init; }

    /// <summary>0 (default) is unlimited; 1 disables keep-alive.</summary>
    public int? MaxRequestsPerConnection { get; init; }

    public int? MaxRetries { get; init; }
    public Types.Duration? IdleTimeout { get; init; }
    public H2UpgradePolicy? H2UpgradePolicy { get; init; }

    /// <summary>Keeps the client's protocol; disables the HTTP/2 upgrade.</summary>
    public bool? UseClientProtocol { get; init; }

    public int? MaxConcurrentStreams { get; init; }
    public Http2KeepAlive? Http2KeepAlive { get; init; }
}

/// <summary>HTTP/2 PING keep-alive for upstream connections.</summary>
public sealed record Http2KeepAlive
{
    public Types.Duration? Interval { get; init; }
    public Types.Duration? Timeout { get; init; }
}
