namespace Switchboard.Proxy.Telemetry;

/// <summary>What happened to one request, filled in as it goes through the pipeline and logged at the end.</summary>
internal sealed class RequestRecord(DateTimeOffset start, long startTimestamp)
{
    private readonly List<string> _flags = [];

    public DateTimeOffset Start { get; } = start;
    public long StartTimestamp { get; } = startTimestamp;
    public string? RouteName { get; set; }
    public string? Cluster { get; set; }

    /// <summary>The service host of the cluster the request went to (destination_service).</summary>
    public string? ClusterHost { get; set; }

    /// <summary>The endpoint of the last attempt (destination workload and version).</summary>
    public Translation.ProxyConfig.Endpoint? Endpoint { get; set; }
    public string? UpstreamHost { get; set; }
    public string? Details { get; set; }
    public int Attempts { get; set; }
    public TimeSpan? UpstreamTime { get; set; }

    /// <summary>Body bytes received from and sent to the downstream, once counted (null: not counted).</summary>
    public long? RequestBytes { get; set; }
    public long? ResponseBytes { get; set; }

    public void Flag(string flag)
    {
        if (!_flags.Contains(flag)) _flags.Add(flag);
    }

    /// <summary>Comma-joined flags, or <c>-</c> when none (Envoy's format).</summary>
    public string Flags => _flags.Count == 0 ? "-" : string.Join(',', _flags);

    public bool HasFlag(string flag) => _flags.Contains(flag);
}
