using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Connection pool settings (DestinationRule policies and Sidecar inbound pools).</summary>
internal static class ConnectionPoolChecks
{
    public static void Validate(ValidationContext context, string path, ConnectionPoolSettings? pool)
    {
        if (pool is null) return;
        if (pool.Tcp is null && pool.Http is null) context.Error(path, "connectionPool needs tcp or http settings");
        if (pool.Tcp is { } tcp)
        {
            var tcpPath = $"{path}.tcp";
            NonNegative(context, $"{tcpPath}.maxConnections", tcp.MaxConnections);
            if (tcp.ConnectTimeout is { } connect && connect.Value <= TimeSpan.Zero) context.Error($"{tcpPath}.connectTimeout", $"connectTimeout {connect} must be greater than 0");
            else DurationChecks.AtLeastOneMillisecond(context, $"{tcpPath}.connectTimeout", tcp.ConnectTimeout);
            DurationChecks.AtLeastOneMillisecond(context, $"{tcpPath}.maxConnectionDuration", tcp.MaxConnectionDuration);
            DurationChecks.NonNegative(context, $"{tcpPath}.idleTimeout", tcp.IdleTimeout); // 0s disables
            DurationChecks.AtLeastOneMillisecond(context, $"{tcpPath}.tcpKeepalive.time", tcp.TcpKeepalive?.Time);
            DurationChecks.AtLeastOneMillisecond(context, $"{tcpPath}.tcpKeepalive.interval", tcp.TcpKeepalive?.Interval);
        }
        if (pool.Http is { } http)
        {
            var httpPath = $"{path}.http";
            NonNegative(context, $"{httpPath}.http1MaxPendingRequests", http.Http1MaxPendingRequests);
            NonNegative(context, $"{httpPath}.http2MaxRequests", http.Http2MaxRequests);
            NonNegative(context, $"{httpPath}.maxRequestsPerConnection", http.MaxRequestsPerConnection);
            NonNegative(context, $"{httpPath}.maxRetries", http.MaxRetries);
            NonNegative(context, $"{httpPath}.maxConcurrentStreams", http.MaxConcurrentStreams);
            DurationChecks.NonNegative(context, $"{httpPath}.idleTimeout", http.IdleTimeout);
            DurationChecks.AtLeastOneMillisecond(context, $"{httpPath}.http2KeepAlive.interval", http.Http2KeepAlive?.Interval);
            DurationChecks.AtLeastOneMillisecond(context, $"{httpPath}.http2KeepAlive.timeout", http.Http2KeepAlive?.Timeout);
            if (http.H2UpgradePolicy == H2UpgradePolicy.Upgrade && http.UseClientProtocol == true)
            {
                context.Error($"{httpPath}.useClientProtocol", "useClientProtocol cannot be true when h2UpgradePolicy is UPGRADE");
            }
        }
    }

    private static void NonNegative(ValidationContext context, string path, int? value)
    {
        if (value is < 0) context.Error(path, $"{value} must not be negative");
    }
}
