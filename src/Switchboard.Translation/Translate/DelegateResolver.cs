using Switchboard.Config.Networking;
using Switchboard.Model;

namespace Switchboard.Translation.Translate;

/// <summary>
/// One HTTP rule ready to translate: the rule, the VirtualService that owns it (destination hosts resolve in the
/// owner's namespace), the root VirtualService whose gateways bind it, and the route's name.
/// </summary>
internal sealed record RuleSource(HttpRoute Rule, VirtualServiceModel Owner, VirtualServiceModel Root, string Name);

/// <summary>
/// Lists a VirtualService's HTTP rules with delegation inlined, as Istio does: a rule with <c>delegate</c> is replaced
/// by the delegate VirtualService's rules, each merged with the root rule by <see cref="DelegateMerger"/>. Only one
/// level: a delegate's own <c>delegate</c> rules are dropped. A delegate that does not exist, or is not exported to
/// the root's namespace, contributes nothing.
/// </summary>
internal static class DelegateResolver
{
    public static IReadOnlyList<RuleSource> Flatten(VirtualServiceModel root, MeshSnapshot snapshot)
    {
        var rules = new List<RuleSource>();
        for (var i = 0; i < root.Spec.Http.Count; i++)
        {
            var rule = root.Spec.Http[i];
            var name = string.IsNullOrEmpty(rule.Name) ? $"route-{i}" : rule.Name;
            if (rule.Delegate is null)
            {
                rules.Add(new RuleSource(rule, root, root, name));
                continue;
            }
            var target = snapshot.FindVirtualService(string.IsNullOrEmpty(rule.Delegate.Namespace) ? root.Namespace : rule.Delegate.Namespace, rule.Delegate.Name ?? "");
            if (target is null || !ExportTo.IsVisible(target.Spec.ExportTo, target.Namespace, root.Namespace)) continue;
            for (var j = 0; j < target.Spec.Http.Count; j++)
            {
                var inner = target.Spec.Http[j];
                if (inner.Delegate is not null) continue;
                if (DelegateMerger.Merge(rule, inner) is not { } merged) continue;
                var innerName = string.IsNullOrEmpty(inner.Name) ? $"route-{j}" : inner.Name;
                rules.Add(new RuleSource(merged, target, root, $"{name}.{innerName}"));
            }
        }
        return rules;
    }
}
