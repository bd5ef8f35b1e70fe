using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Checks a DestinationRule beyond its types (reference/istio-api.md §1.2): host, subsets, traffic policies, exportTo.</summary>
public sealed class DestinationRuleValidator : SpecValidator<DestinationRuleSpec>
{
    protected override void Validate(Resource<DestinationRuleSpec> resource, ValidationContext context)
    {
        var spec = resource.Spec;
        if (!string.IsNullOrEmpty(spec.Host) && HostNames.CheckWildcardDomain(spec.Host) is { } hostError) context.Error("spec.host", hostError);
        TrafficPolicyChecks.Validate(context, "spec.trafficPolicy", spec.TrafficPolicy);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Subsets.Count; i++)
        {
            var subset = spec.Subsets[i];
            var path = $"spec.subsets[{i}]";
            if (!string.IsNullOrEmpty(subset.Name))
            {
                if (!HostNames.IsDnsLabel(subset.Name)) context.Error($"{path}.name", $"subset name \"{subset.Name}\" is not a DNS label (lower-case letters, digits and '-')");
                if (!names.Add(subset.Name)) context.Error($"{path}.name", $"duplicate subset name \"{subset.Name}\"");
            }
            LabelChecks.Labels(context, $"{path}.labels", subset.Labels);
            TrafficPolicyChecks.Validate(context, $"{path}.trafficPolicy", subset.TrafficPolicy);
        }
        ExportToChecks.Validate(context, "spec.exportTo", spec.ExportTo);
        if (spec.WorkloadSelector is { } selector)
        {
            LabelChecks.WorkloadSelector(context, "spec.workloadSelector.matchLabels", selector.MatchLabels);
            // A rule for selected workloads of one namespace makes no sense elsewhere.
            if (spec.ExportTo.Any(e => e != "." && e != resource.Namespace))
            {
                context.Error("spec.exportTo", "a DestinationRule with a workloadSelector can only be exported to its own namespace (\".\")");
            }
        }
    }
}
