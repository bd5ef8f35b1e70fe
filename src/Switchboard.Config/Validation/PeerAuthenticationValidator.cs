using System.Globalization;
using Switchboard.Config.Security;

namespace Switchboard.Config.Validation;

/// <summary>Checks a PeerAuthentication beyond its types (reference/istio-api.md §2.1): port-level mTLS needs a selector.</summary>
public sealed class PeerAuthenticationValidator : SpecValidator<PeerAuthenticationSpec>
{
    protected override void Validate(Resource<PeerAuthenticationSpec> resource, ValidationContext context)
    {
        var spec = resource.Spec;
        if (spec.Selector is { } selector) LabelChecks.WorkloadSelector(context, "spec.selector.matchLabels", selector.MatchLabels);
        // Ports are workload ports, which only mean something for selected workloads.
        if (spec.PortLevelMtls.Count > 0 && (spec.Selector is null || spec.Selector.MatchLabels.Count == 0))
        {
            context.Error("spec.portLevelMtls", "portLevelMtls requires a selector with matchLabels (mesh- and namespace-wide policies cannot set ports)");
        }
        if (spec.PortLevelMtls.Count == 0 && resource.Source.Has("spec.portLevelMtls"))
        {
            context.Error("spec.portLevelMtls", "portLevelMtls, if set, needs at least one port");
        }
        foreach (var port in spec.PortLevelMtls.Keys)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !NetworkChecks.IsPort(number))
            {
                context.Error($"spec.portLevelMtls[{port}]", $"\"{port}\" is not a port number in 1..65535");
            }
        }
    }
}
