namespace Switchboard.Cli.Top;

/// <summary>
/// One TCP row of <c>sbctl x top</c>: connections from a source workload to a destination service between two scrapes —
/// new connections per second, connections open at the later scrape, bytes per second towards the destination
/// (Istio's received bytes: the request direction) and back from it, and mTLS.
/// </summary>
public sealed record TcpEdge(string Source, string Destination, double ConnectionsPerSecond, double Open,
    double BytesToDestinationPerSecond, double BytesFromDestinationPerSecond, MtlsState Mtls, double MtlsShare);
