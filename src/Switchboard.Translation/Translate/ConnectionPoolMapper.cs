using Switchboard.Config.Networking;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Maps <c>connectionPool</c> to pool limits. As Istio does, a zero or negative limit counts as unset (Envoy's
/// unlimited default stays); timeouts apply whenever given.
/// </summary>
internal static class ConnectionPoolMapper
{
    public static ConnectionPool Map(ConnectionPoolSettings? settings)
    {
        var pool = new ConnectionPool();
        if (settings is null) return pool;
        var tcp = settings.Tcp;
        var http = settings.Http;
        return pool with
        {
            MaxConnections = tcp?.MaxConnections is > 0 and var maxConnections ? maxConnections : pool.MaxConnections,
            ConnectTimeout = tcp?.ConnectTimeout?.Value ?? pool.ConnectTimeout,
            MaxPendingRequests = http?.Http1MaxPendingRequests is > 0 and var pending ? pending : pool.MaxPendingRequests,
            MaxRequests = http?.Http2MaxRequests is > 0 and var requests ? requests : pool.MaxRequests,
            MaxRequestsPerConnection = http?.MaxRequestsPerConnection is > 0 and var perConnection ? perConnection : pool.MaxRequestsPerConnection,
            MaxRetries = http?.MaxRetries is > 0 and var retries ? retries : pool.MaxRetries,
            // The HTTP idle timeout governs HTTP upstream connections; the TCP one is the fallback for opaque TCP.
            // Zero disables it.
            IdleTimeout = http?.IdleTimeout?.Value ?? tcp?.IdleTimeout?.Value ?? pool.IdleTimeout,
        };
    }
}
