namespace Switchboard.Discovery;

/// <summary>
/// The five resource types a proxy is sent, in push order: clusters before the endpoints that fill them,
/// both before the TCP services and virtual hosts that name them (so no request is routed to a cluster the
/// proxy does not have yet: Envoy's make-before-break order), and last the proxy part (who it is, and what
/// happens to traffic for unknown destinations).
/// </summary>
public static class ResourceTypes
{
    public const string Clusters = "clusters";
    public const string Endpoints = "endpoints";
    public const string Tcp = "tcp";
    public const string Routes = "routes";
    public const string Proxy = "proxy";

    public static IReadOnlyList<string> PushOrder { get; } = [Clusters, Endpoints, Tcp, Routes, Proxy];
}
