namespace Switchboard.Proxy.Outbound;

/// <summary>
/// Ports that never carry HTTP and mostly have the server speak first, so sniffing would only wait for a client that
/// waits for the server: these go straight to opaque TCP when no Service declares them. Istio's list (SMTP 25, DNS 53,
/// MySQL 3306, MongoDB 27017; reference §5.5) and Linkerd's default opaque ports (SMTP submission 587, Galera 4444,
/// PostgreSQL 5432, Redis 6379, Elasticsearch transport 9300, memcached 11211).
/// </summary>
internal static class ServerFirstPorts
{
    public static bool Contains(int port) => port is 25 or 53 or 587 or 3306 or 4444 or 5432 or 6379 or 9300 or 11211 or 27017;
}
