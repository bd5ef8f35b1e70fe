namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// What one HTTP request contributes to Istio's request metrics, as label inputs: which reporter, both workloads, the
/// destination service, protocol, outcome and connection security. Equal reports share one series, so the label
/// text is built once per series, not per request.
/// </summary>
internal readonly record struct HttpReport(
    Reporter Reporter,
    PeerWorkload Source,
    PeerWorkload Destination,
    string? DestinationService,
    bool Grpc,
    int ResponseCode,
    string? GrpcStatus,
    string Flags,
    string SecurityPolicy,
    string? Overrides);

/// <summary>Which proxy reports: the caller's (<c>source</c>) or the callee's (<c>destination</c>).</summary>
internal enum Reporter { Source, Destination }
