using Switchboard.Config.Binding;

namespace Switchboard.Config.Networking;

/// <summary>Passive health checking: ejects hosts that keep failing. reference/istio-api.md §1.2.</summary>
public sealed record OutlierDetection
{
    [DeprecatedField("use consecutive5xxErrors or consecutiveGatewayErrors")]
    public int? ConsecutiveErrors { get; init; }

    /// <summary>Counts local-origin failures separately (see <see cref="ConsecutiveLocalOriginFailures"/>).</summary>
    public bool? SplitExternalLocalOriginErrors { get; init; }

    public uint? ConsecutiveLocalOriginFailures { get; init; }

    /// <summary>502/503/504 in a row before ejection; disabled by default.</summary>
    public uint? ConsecutiveGatewayErrors { get; init; }

    /// <summary>5xx in a row before ejection; default 5, 0 disables.</summary>
    public uint? Consecutive5xxErrors { get; init; }

    /// <summary>Default 10s.</summary>
    public Types.Duration? Interval { get; init; }

    /// <summary>Default 30s; multiplied by the number of ejections.</summary>
    public Types.Duration? BaseEjectionTime { get; init; }

    /// <summary>Default 10.</summary>
    public int? MaxEjectionPercent { get; init; }

    /// <summary>Default 0.</summary>
    public int? MinHealthPercent { get; init; }

    /// <summary>Status codes (100–599) counted as errors instead of 5xx.</summary>
    public IReadOnlyList<uint> OutlierDetectionHttpErrorCodes { get; init; } = [];
}
