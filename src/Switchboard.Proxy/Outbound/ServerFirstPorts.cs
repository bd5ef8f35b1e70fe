namespace Switchboard.Proxy.Outbound;

/// <summary>
/// Ports whose protocols have the server speak first (SMTP, DNS over TCP, MySQL, MongoDB — the list Istio treats as TCP
/// when undeclared, reference §5.5): sniffing would wait for a client that waits for the server, so these are never
/// sniffed and go straight to opaque TCP.
/// </summary>
internal static class ServerFirstPorts
{
    public static bool Contains(int port) => port is 25 or 53 or 3306 or 27017;
}
