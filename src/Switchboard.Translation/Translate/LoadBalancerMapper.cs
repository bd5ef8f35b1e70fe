using Switchboard.Config.Networking;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Maps <c>loadBalancer</c> to the proxy's choice. Unset and UNSPECIFIED mean LEAST_REQUEST (Istio's
/// defaultLBAlgorithm), and LEAST_CONN is its deprecated alias. Consistent hashing names what it hashes.
/// </summary>
internal static class LoadBalancerMapper
{
    public static LoadBalancing Map(LoadBalancerSettings? settings)
    {
        if (settings?.ConsistentHash is { } hash) return ConsistentHash(hash);
        var algorithm = settings?.Simple switch
        {
            SimpleLb.RoundRobin => LbAlgorithm.RoundRobin,
            SimpleLb.Random => LbAlgorithm.Random,
            SimpleLb.Passthrough => LbAlgorithm.Passthrough,
            _ => LbAlgorithm.LeastRequest,
        };
        return new LoadBalancing { Algorithm = algorithm };
    }

    private static LoadBalancing ConsistentHash(ConsistentHashLb hash)
    {
        string? key =
            !string.IsNullOrEmpty(hash.HttpHeaderName) ? "header:" + hash.HttpHeaderName.ToLowerInvariant()
            : hash.HttpCookie?.Name is { Length: > 0 } cookie ? "cookie:" + cookie
            : hash.UseSourceIp == true ? "source-ip"
            : !string.IsNullOrEmpty(hash.HttpQueryParameterName) ? "query:" + hash.HttpQueryParameterName
            : null;
        var maglev = hash.Maglev is not null;
        return new LoadBalancing
        {
            Algorithm = LbAlgorithm.ConsistentHash,
            HashKey = key,
            CookieTtl = hash.HttpCookie?.Ttl?.Value,
            CookiePath = hash.HttpCookie?.Path,
            HashAlgorithm = maglev ? HashAlgorithm.Maglev : HashAlgorithm.RingHash,
            // Envoy's defaults when Istio leaves them unset: 1024 ring entries, a 65537-entry Maglev table.
            HashTableSize = maglev
                ? hash.Maglev!.TableSize ?? 65537
                : hash.RingHash?.MinimumRingSize ?? hash.MinimumRingSize ?? 1024,
        };
    }
}
