using Switchboard.Proxy.Runtime;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Pipeline;

/// <summary>Weighted choice among a route's clusters (HTTP and L4 alike): each gets weight / sum; all-zero picks nothing.</summary>
internal static class WeightedPicker
{
    public static WeightedCluster? Pick(IReadOnlyList<WeightedCluster> clusters, RandomSource random)
    {
        if (clusters.Count == 1) return clusters[0];
        var total = 0;
        foreach (var cluster in clusters) total += Math.Max(0, cluster.Weight);
        if (total <= 0) return null;
        var ticket = random.Next(total);
        foreach (var cluster in clusters)
        {
            ticket -= Math.Max(0, cluster.Weight);
            if (ticket < 0) return cluster;
        }
        return clusters[^1];
    }
}
