using Switchboard.Config.Security;

namespace Switchboard.Config.Validation;

/// <summary>Who a security or telemetry policy applies to: <c>selector</c> xor <c>targetRefs</c>, and valid references.</summary>
internal static class PolicyTargetChecks
{
    public const int MaxTargetRefs = 16;

    private static readonly HashSet<(string Group, string Kind)> Allowed =
    [
        ("", "Service"),
        ("networking.istio.io", "ServiceEntry"),
        ("gateway.networking.k8s.io", "Gateway"),
        ("gateway.networking.k8s.io", "GatewayClass"),
    ];

    /// <summary>Checks selector/targetRef/targetRefs of a spec at <c>spec</c>.</summary>
    public static void Validate(ValidationContext context, LabelSelector? selector, PolicyTargetReference? targetRef, IReadOnlyList<PolicyTargetReference> targetRefs)
    {
        var used = (selector is null ? 0 : 1) + (targetRef is null ? 0 : 1) + (targetRefs.Count == 0 ? 0 : 1);
        if (used > 1) context.Error(selector is null ? "spec.targetRefs" : "spec.selector", "only one of selector, targetRef or targetRefs may be set");
        if (selector is not null) LabelChecks.WorkloadSelector(context, "spec.selector.matchLabels", selector.MatchLabels);
        if (targetRef is not null) Reference(context, "spec.targetRef", targetRef);
        if (targetRefs.Count > MaxTargetRefs) context.Error("spec.targetRefs", $"at most {MaxTargetRefs} targetRefs are allowed, found {targetRefs.Count}");
        for (var i = 0; i < targetRefs.Count; i++) Reference(context, $"spec.targetRefs[{i}]", targetRefs[i]);
    }

    private static void Reference(ValidationContext context, string path, PolicyTargetReference target)
    {
        if (string.IsNullOrEmpty(target.Name)) context.Error($"{path}.name", "name is required");
        if (string.IsNullOrEmpty(target.Kind)) context.Error($"{path}.kind", "kind is required");
        else if (!Allowed.Contains((target.Group ?? "", target.Kind)))
        {
            context.Error($"{path}.kind", $"cannot target {(string.IsNullOrEmpty(target.Group) ? "" : target.Group + "/")}{target.Kind}; "
                + "expected Service, networking.istio.io/ServiceEntry, gateway.networking.k8s.io/Gateway or GatewayClass");
        }
        if (!string.IsNullOrEmpty(target.Namespace) && target.Namespace != context.Resource.Namespace)
        {
            context.Error($"{path}.namespace", "cross-namespace targetRefs are not supported");
        }
    }
}
