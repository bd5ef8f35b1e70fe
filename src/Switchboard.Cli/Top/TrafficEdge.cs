namespace Switchboard.Cli.Top;

/// <summary>Whether an edge's requests arrived over mutual TLS, as its destination proxies reported them.</summary>
public enum MtlsState { Unknown, None, Partly, All }

/// <summary>
/// One row of <c>sbctl x top</c>: requests from a source workload to a destination service between two scrapes, as
/// golden signals — rate, success (not 5xx), latency quantiles in milliseconds (null without requests) and mTLS.
/// </summary>
public sealed record TrafficEdge(string Source, string Destination, double RequestsPerSecond, double? SuccessRate,
    double? P50, double? P95, double? P99, MtlsState Mtls, double MtlsShare);
