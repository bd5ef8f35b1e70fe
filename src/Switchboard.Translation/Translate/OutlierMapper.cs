using Switchboard.Config.Networking;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Maps <c>outlierDetection</c> (only when set: without it nothing is ejected). Unset fields take Istio's defaults:
/// 5 consecutive 5xx, gateway errors off, 10s interval, 30s base ejection, 10% max ejected, 0% min healthy.
/// </summary>
internal static class OutlierMapper
{
    public static OutlierPolicy? Map(OutlierDetection? detection)
    {
        if (detection is null) return null;
        var policy = new OutlierPolicy();
        policy = policy with
        {
            Consecutive5xxErrors = detection.Consecutive5xxErrors is { } fiveXx ? (int)fiveXx : policy.Consecutive5xxErrors,
            ConsecutiveGatewayErrors = detection.ConsecutiveGatewayErrors is { } gateway ? (int)gateway : 0,
            Interval = detection.Interval?.Value ?? policy.Interval,
            BaseEjectionTime = detection.BaseEjectionTime?.Value ?? policy.BaseEjectionTime,
            MaxEjectionPercent = detection.MaxEjectionPercent ?? policy.MaxEjectionPercent,
            MinHealthPercent = detection.MinHealthPercent ?? 0,
        };
        if (detection.ConsecutiveErrors is > 0 and var legacy && detection.ConsecutiveGatewayErrors is null && detection.Consecutive5xxErrors is null)
        {
            // The deprecated consecutiveErrors counts gateway errors only (istio/api#617), so Istio turns 5xx counting off.
            policy = policy with { ConsecutiveGatewayErrors = legacy, Consecutive5xxErrors = 0 };
        }
        return policy;
    }
}
