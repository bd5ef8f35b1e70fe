namespace Switchboard.Proxy.Telemetry;

/// <summary>Envoy's short response flags (reference/istio-api.md §3.3), as they appear in access logs and metrics.</summary>
internal static class ResponseFlags
{
    public const string NoRoute = "NR";
    public const string NoHealthyUpstream = "UH";
    public const string UpstreamConnectionFailure = "UF";
    public const string UpstreamOverflow = "UO";
    public const string RetryLimitExceeded = "URX";
    public const string NoClusterFound = "NC";
    public const string UpstreamRequestTimeout = "UT";
    public const string UpstreamConnectionTermination = "UC";
    public const string UpstreamRemoteReset = "UR";
    public const string DownstreamConnectionTermination = "DC";
    public const string DelayInjected = "DI";
    public const string FaultInjected = "FI";
}
