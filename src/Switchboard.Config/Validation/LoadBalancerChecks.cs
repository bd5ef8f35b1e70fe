using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>A traffic policy's <c>loadBalancer</c>: simple xor consistent hash, warmup and locality settings.</summary>
internal static class LoadBalancerChecks
{
    /// <summary>Maglev needs a prime table size below this (Envoy's limit).</summary>
    public const long MaglevTableSizeLimit = 5_000_011;

    public static void Validate(ValidationContext context, string path, LoadBalancerSettings? lb, OutlierDetection? outlier)
    {
        if (lb is null) return;
        if (lb.Simple is not null && lb.ConsistentHash is not null) context.Error($"{path}.consistentHash", "only one of simple and consistentHash may be set");
        if (lb.ConsistentHash is { } hash) ConsistentHash(context, $"{path}.consistentHash", hash);
        if (lb.LocalityLbSetting is not null && lb.ZoneAwareLbSetting is not null)
        {
            context.Error($"{path}.zoneAwareLbSetting", "only one of localityLbSetting and zoneAwareLbSetting may be set");
        }
        LocalityChecks.Validate(context, $"{path}.localityLbSetting", lb.LocalityLbSetting, outlier);
        LocalityChecks.ZoneAware(context, $"{path}.zoneAwareLbSetting", lb.ZoneAwareLbSetting);
        Warmup(context, path, lb);
    }

    private static void ConsistentHash(ValidationContext context, string path, ConsistentHashLb hash)
    {
        var keys = (hash.HttpHeaderName is null ? 0 : 1) + (hash.HttpCookie is null ? 0 : 1) + (hash.UseSourceIp is null ? 0 : 1)
            + (hash.HttpQueryParameterName is null ? 0 : 1);
        if (keys > 1) context.Error(path, "only one of httpHeaderName, httpCookie, useSourceIp and httpQueryParameterName may be set");
        if (keys == 0) context.Warning(path, "consistentHash has no hash key (httpHeaderName, httpCookie, useSourceIp or httpQueryParameterName), so nothing is hashed");
        if (hash.RingHash is not null && hash.Maglev is not null) context.Error($"{path}.maglev", "only one of ringHash and maglev may be set");
        if (hash.MinimumRingSize is not null && (hash.RingHash is not null || hash.Maglev is not null))
        {
            context.Error($"{path}.minimumRingSize", "minimumRingSize cannot be combined with ringHash or maglev");
        }
        if (hash.MinimumRingSize is < 0) context.Error($"{path}.minimumRingSize", "minimumRingSize must not be negative");
        if (hash.RingHash?.MinimumRingSize is < 0) context.Error($"{path}.ringHash.minimumRingSize", "minimumRingSize must not be negative");
        if (hash.Maglev is { } maglev)
        {
            var size = maglev.TableSize ?? 0;
            if (size <= 0) context.Error($"{path}.maglev.tableSize", "maglev needs a tableSize (a prime below 5000011)");
            else if (size >= MaglevTableSizeLimit) context.Error($"{path}.maglev.tableSize", $"tableSize {size} must be below {MaglevTableSizeLimit}");
            else if (!IsPrime(size)) context.Error($"{path}.maglev.tableSize", $"tableSize {size} must be a prime number");
        }
        DurationChecks.NonNegative(context, $"{path}.httpCookie.ttl", hash.HttpCookie?.Ttl);
    }

    private static void Warmup(ValidationContext context, string path, LoadBalancerSettings lb)
    {
        DurationChecks.AtLeastOneMillisecond(context, $"{path}.warmupDurationSecs", lb.WarmupDurationSecs);
        if (lb.Warmup is not { } warmup) return;
        if (lb.WarmupDurationSecs is not null) context.Error($"{path}.warmup", "only one of warmup and warmupDurationSecs may be set");
        DurationChecks.AtLeastOneMillisecond(context, $"{path}.warmup.duration", warmup.Duration);
        if (warmup.MinimumPercent is < 0 or > 100) context.Error($"{path}.warmup.minimumPercent", $"minimumPercent {warmup.MinimumPercent} is not in 0..100");
        if (warmup.Aggression is < 0) context.Error($"{path}.warmup.aggression", $"aggression {warmup.Aggression} must not be negative");
        if (lb.ConsistentHash is not null || lb.Simple is SimpleLb.Random or SimpleLb.Passthrough)
        {
            context.Warning($"{path}.warmup", "warmup only applies to ROUND_ROBIN and LEAST_REQUEST load balancing");
        }
    }

    private static bool IsPrime(long n)
    {
        if (n < 2) return false;
        if (n % 2 == 0) return n == 2;
        for (long f = 3; f * f <= n; f += 2)
        {
            if (n % f == 0) return false;
        }
        return true;
    }
}
