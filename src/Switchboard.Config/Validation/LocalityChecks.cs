using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Locality and zone-aware load-balancer settings (reference/istio-api.md §1.2).</summary>
internal static class LocalityChecks
{
    /// <summary>Topology labels that failover already encodes; failoverPriority cannot repeat them alongside failover.</summary>
    private static readonly HashSet<string> TopologyLabels = new(StringComparer.Ordinal)
    {
        "topology.kubernetes.io/region", "topology.kubernetes.io/zone", "topology.istio.io/subzone",
    };

    public static void Validate(ValidationContext context, string path, LocalityLoadBalancerSetting? locality, OutlierDetection? outlier)
    {
        if (locality is null) return;
        if (locality.Distribute.Count > 0 && locality.Failover.Count > 0) context.Error($"{path}.failover", "only one of distribute and failover may be set");
        if (locality.Distribute.Count > 0 && locality.FailoverPriority.Count > 0)
        {
            context.Error($"{path}.failoverPriority", "only one of distribute and failoverPriority may be set");
        }
        // Istio accepts failover with failoverPriority as long as the priorities do not re-rank by region/zone/subzone.
        if (locality.Failover.Count > 0)
        {
            for (var i = 0; i < locality.FailoverPriority.Count; i++)
            {
                if (TopologyLabels.Contains(locality.FailoverPriority[i]))
                {
                    context.Error($"{path}.failoverPriority[{i}]", $"\"{locality.FailoverPriority[i]}\" cannot be used in failoverPriority together with failover");
                }
            }
        }
        for (var i = 0; i < locality.Distribute.Count; i++) Distribute(context, $"{path}.distribute[{i}]", locality.Distribute[i]);
        Failover(context, path, locality.Failover);
        if ((locality.Failover.Count > 0 || locality.FailoverPriority.Count > 0) && outlier is null)
        {
            context.Warning(path, "failover only happens with outlierDetection set on the same traffic policy");
        }
    }

    public static void ZoneAware(ValidationContext context, string path, ZoneAwareLoadBalancerSetting? zoneAware)
    {
        if (zoneAware is null) return;
        Failover(context, path, zoneAware.Failover);
        for (var i = 0; i < zoneAware.FailoverPriority.Count; i++)
        {
            if (TopologyLabels.Contains(zoneAware.FailoverPriority[i]))
            {
                context.Error($"{path}.failoverPriority[{i}]", $"\"{zoneAware.FailoverPriority[i]}\" is handled by zone-aware routing itself; remove it");
            }
        }
    }

    private static void Distribute(ValidationContext context, string path, LocalityDistribute distribute)
    {
        if (CheckLocality(distribute.From ?? "") is { } fromError) context.Error($"{path}.from", fromError);
        long total = 0;
        foreach (var (to, weight) in distribute.To)
        {
            if (CheckLocality(to) is { } toError) context.Error($"{path}.to[{to}]", toError);
            if (weight is < 1 or > 100) context.Error($"{path}.to[{to}]", $"weight {weight} is not in 1..100");
            total += weight;
        }
        if (total != 100) context.Error($"{path}.to", $"the weights add up to {total}, not 100");
    }

    private static void Failover(ValidationContext context, string path, IReadOnlyList<LocalityFailover> failover)
    {
        for (var i = 0; i < failover.Count; i++)
        {
            var f = failover[i];
            var itemPath = $"{path}.failover[{i}]";
            if (string.IsNullOrEmpty(f.From) || string.IsNullOrEmpty(f.To)) context.Error(itemPath, "failover needs from and to regions");
            else if (f.From == f.To) context.Error(itemPath, "failover from and to must be different regions");
            if ((f.From ?? "").Contains('/') || (f.To ?? "").Contains('/')) context.Error(itemPath, "failover takes regions, not zones (no '/')");
            if ((f.From ?? "").Contains('*') || (f.To ?? "").Contains('*')) context.Error(itemPath, "failover regions cannot contain '*'");
        }
    }

    /// <summary><c>region[/zone[/subzone]]</c>, with at most one <c>*</c>, at the end.</summary>
    private static string? CheckLocality(string locality)
    {
        var stars = locality.Count(c => c == '*');
        if (stars > 1 || (stars == 1 && !locality.EndsWith('*'))) return $"locality \"{locality}\" may contain one '*', only at the end";
        return locality.Split('/', 3).Any(p => p.Length == 0) ? $"locality \"{locality}\" has an empty region, zone or subzone" : null;
    }
}
