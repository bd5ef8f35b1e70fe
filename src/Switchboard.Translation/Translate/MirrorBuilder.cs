using Switchboard.Config.Networking;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Compiles <c>mirror</c> + <c>mirrorPercentage</c> (or the deprecated integer <c>mirrorPercent</c>) and
/// <c>mirrors[]</c>. An absent percentage mirrors everything (100); an explicit 0 mirrors nothing, so no mirror is
/// emitted. Mirror clusters are named like route destinations.
/// </summary>
internal static class MirrorBuilder
{
    public static IReadOnlyList<MirrorRule> Build(HttpRoute rule, string ownerNamespace, RouteScope scope)
    {
        var mirrors = new List<MirrorRule>();
        if (rule.Mirror is { } single)
        {
            var percentage = rule.MirrorPercentage?.Value ?? (rule.MirrorPercent is { } legacy ? legacy : 100.0);
            if (percentage > 0) mirrors.Add(new MirrorRule(DestinationBuilder.ClusterName(single, ownerNamespace, scope), Math.Min(percentage, 100)));
        }
        foreach (var policy in rule.Mirrors)
        {
            if (policy.Destination is null) continue;
            var percentage = policy.Percentage?.Value ?? 100.0;
            if (percentage > 0) mirrors.Add(new MirrorRule(DestinationBuilder.ClusterName(policy.Destination, ownerNamespace, scope), Math.Min(percentage, 100)));
        }
        return mirrors;
    }
}
