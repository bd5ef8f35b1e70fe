namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// What one TCP connection contributes to Istio's TCP metrics, as label inputs (see <see cref="HttpReport"/>).
/// <paramref name="DestinationServiceName"/> overrides the name derived from the service host: Istio labels passthrough and
/// black-hole traffic <c>destination_service_name="PassthroughCluster"</c> (or <c>BlackHoleCluster</c>) with no service.
/// </summary>
internal readonly record struct TcpReport(
    Reporter Reporter,
    PeerWorkload Source,
    PeerWorkload Destination,
    string? DestinationService,
    string Flags,
    string SecurityPolicy,
    string? DestinationServiceName = null);
