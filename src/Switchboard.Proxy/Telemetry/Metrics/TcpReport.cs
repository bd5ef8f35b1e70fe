namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>What one TCP connection contributes to Istio's TCP metrics, as label inputs (see <see cref="HttpReport"/>).</summary>
internal readonly record struct TcpReport(
    Reporter Reporter,
    PeerWorkload Source,
    PeerWorkload Destination,
    string? DestinationService,
    string Flags,
    string SecurityPolicy);
