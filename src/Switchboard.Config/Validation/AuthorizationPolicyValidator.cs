using Switchboard.Config.Security;

namespace Switchboard.Config.Validation;

/// <summary>Checks an AuthorizationPolicy beyond its types (reference/istio-api.md §2.2): targets, action/provider, rules.</summary>
public sealed class AuthorizationPolicyValidator : SpecValidator<AuthorizationPolicySpec>
{
    private const int MaxRules = 512;
    private const int MaxServiceAccounts = 16;

    protected override void Validate(Resource<AuthorizationPolicySpec> resource, ValidationContext context)
    {
        var spec = resource.Spec;
        PolicyTargetChecks.Validate(context, spec.Selector, spec.TargetRef, spec.TargetRefs);
        var action = spec.Action ?? AuthorizationAction.Allow;
        if (action == AuthorizationAction.Custom)
        {
            if (string.IsNullOrEmpty(spec.Provider?.Name)) context.Error("spec.provider", "action CUSTOM needs provider.name (an extension provider of the mesh config)");
        }
        else if (spec.Provider is not null)
        {
            context.Error("spec.provider", "provider is only used with action CUSTOM");
        }
        // Absent rules never match: harmless for ALLOW (allow-nothing), pointless for DENY and CUSTOM.
        if (spec.Rules is null && action is AuthorizationAction.Deny or AuthorizationAction.Custom)
        {
            context.Error("spec", $"action {action.ToString().ToUpperInvariant()} without rules never applies; add an empty rule {{}} to apply it to every request");
        }
        var rules = spec.Rules ?? [];
        if (rules.Count > MaxRules) context.Error("spec.rules", $"at most {MaxRules} rules are allowed, found {rules.Count}");
        for (var i = 0; i < rules.Count; i++) Rule(context, resource, $"spec.rules[{i}]", rules[i], action);
    }

    private static void Rule(ValidationContext context, Resource resource, string path, Rule rule, AuthorizationAction action)
    {
        if (rule.From.Count == 0 && resource.Source.Has($"{path}.from")) context.Error($"{path}.from", "from, if set, needs at least one source");
        if (rule.To.Count == 0 && resource.Source.Has($"{path}.to")) context.Error($"{path}.to", "to, if set, needs at least one operation");
        for (var i = 0; i < rule.From.Count; i++)
        {
            if (rule.From[i].Source is { } source) Source(context, $"{path}.from[{i}].source", source, action);
            else context.Error($"{path}.from[{i}]", "from entries need a source");
        }
        for (var i = 0; i < rule.To.Count; i++)
        {
            if (rule.To[i].Operation is { } operation) Operation(context, $"{path}.to[{i}].operation", operation);
            else context.Error($"{path}.to[{i}]", "to entries need an operation");
        }
        for (var i = 0; i < rule.When.Count; i++)
        {
            AuthorizationConditionChecks.Condition(context, $"{path}.when[{i}]", rule.When[i]);
            var key = rule.When[i].Key ?? "";
            if (action == AuthorizationAction.Custom && (key is "source.namespace" or "source.principal" || key.StartsWith("request.auth.", StringComparison.Ordinal)))
            {
                context.Error($"{path}.when[{i}].key", $"\"{key}\" is not supported with action CUSTOM");
            }
        }
    }

    private static void Source(ValidationContext context, string path, PolicySource source, AuthorizationAction action)
    {
        var fields = new (string Name, IReadOnlyList<string> Values)[]
        {
            ("principals", source.Principals), ("notPrincipals", source.NotPrincipals), ("requestPrincipals", source.RequestPrincipals),
            ("notRequestPrincipals", source.NotRequestPrincipals), ("namespaces", source.Namespaces), ("notNamespaces", source.NotNamespaces),
            ("serviceAccounts", source.ServiceAccounts), ("notServiceAccounts", source.NotServiceAccounts), ("ipBlocks", source.IpBlocks),
            ("notIpBlocks", source.NotIpBlocks), ("remoteIpBlocks", source.RemoteIpBlocks), ("notRemoteIpBlocks", source.NotRemoteIpBlocks),
            ("trustDomains", source.TrustDomains), ("notTrustDomains", source.NotTrustDomains),
        };
        if (fields.All(f => f.Values.Count == 0)) context.Error(path, "source must set at least one field");
        foreach (var (name, values) in fields)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i].Length == 0) context.Error($"{path}.{name}[{i}]", "empty values are not allowed");
                else if (name.EndsWith("pBlocks", StringComparison.Ordinal)) AuthorizationConditionChecks.IpBlock(context, $"{path}.{name}[{i}]", values[i]);
            }
            if (action == AuthorizationAction.Custom && values.Count > 0 && name is "principals" or "notPrincipals" or "requestPrincipals" or "notRequestPrincipals" or "namespaces" or "notNamespaces")
            {
                context.Error($"{path}.{name}", $"{name} is not supported with action CUSTOM");
            }
        }
        // serviceAccounts is a shorthand for principals/namespaces; mixing them is ambiguous.
        var accounts = source.ServiceAccounts.Count + source.NotServiceAccounts.Count;
        if (accounts > 0 && source.Principals.Count + source.NotPrincipals.Count + source.Namespaces.Count + source.NotNamespaces.Count > 0)
        {
            context.Error($"{path}.serviceAccounts", "serviceAccounts cannot be combined with principals or namespaces");
        }
        foreach (var (name, values) in new[] { ("serviceAccounts", source.ServiceAccounts), ("notServiceAccounts", source.NotServiceAccounts) })
        {
            if (values.Count > MaxServiceAccounts) context.Error($"{path}.{name}", $"at most {MaxServiceAccounts} {name} are allowed");
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i].Contains('*')) context.Error($"{path}.{name}[{i}]", "serviceAccounts do not support wildcards");
            }
        }
    }

    private static void Operation(ValidationContext context, string path, Operation operation)
    {
        var fields = new (string Name, IReadOnlyList<string> Values)[]
        {
            ("hosts", operation.Hosts), ("notHosts", operation.NotHosts), ("ports", operation.Ports), ("notPorts", operation.NotPorts),
            ("methods", operation.Methods), ("notMethods", operation.NotMethods), ("paths", operation.Paths), ("notPaths", operation.NotPaths),
        };
        if (fields.All(f => f.Values.Count == 0)) context.Error(path, "operation must set at least one field");
        foreach (var (name, values) in fields)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i].Length == 0) context.Error($"{path}.{name}[{i}]", "empty values are not allowed");
                else if (name is "ports" or "notPorts") AuthorizationConditionChecks.Port(context, $"{path}.{name}[{i}]", values[i]);
            }
        }
    }
}
