using Switchboard.Config;
using Switchboard.Config.Security;

namespace Switchboard.Authorization.Policies;

/// <summary>
/// Turns a loaded AuthorizationPolicy into the wire form the proxy evaluates (<see cref="AuthzPolicy"/>).
/// Validation is not repeated here (AuthorizationPolicyValidator reports problems); the mapping never drops a
/// constraint, because a dropped field would widen an ALLOW rule.
/// </summary>
public static class AuthzPolicyMapper
{
    /// <summary>The annotation that turns a policy into a shadow policy (istio-api.md §2.2, "Dry-run").</summary>
    public const string DryRunAnnotation = "istio.io/dry-run";

    public static AuthzPolicy From(Resource<AuthorizationPolicySpec> resource)
    {
        var spec = resource.Spec;
        var action = spec.Action switch
        {
            AuthorizationAction.Deny => AuthzAction.Deny,
            AuthorizationAction.Audit => AuthzAction.Audit,
            AuthorizationAction.Custom => AuthzAction.Custom,
            _ => AuthzAction.Allow,
        };
        return new AuthzPolicy
        {
            Name = resource.Name,
            Namespace = resource.Namespace,
            Action = action,
            Provider = action == AuthzAction.Custom ? spec.Provider?.Name : null,
            DryRun = IsDryRun(resource.Annotations),
            Rules = (spec.Rules ?? []).Select(r => Rule(r, resource.Namespace)).ToList(),
        };
    }

    /// <summary>
    /// Istio reads the annotation with Go's <c>strconv.ParseBool</c>: 1, t, T, TRUE, true, True mean true;
    /// anything else (including an invalid value) leaves the policy enforced, which is the safe reading.
    /// </summary>
    internal static bool IsDryRun(IReadOnlyDictionary<string, string> annotations) =>
        annotations.TryGetValue(DryRunAnnotation, out var value) && value is "1" or "t" or "T" or "TRUE" or "true" or "True";

    private static AuthzRule Rule(Rule rule, string policyNamespace) => new()
    {
        // A from/to entry without its source/operation is a validation error; mapped as an empty (match-any) entry,
        // the same as Istio generating nothing for it.
        From = rule.From.Select(f => Source(f.Source ?? new PolicySource(), policyNamespace)).ToList(),
        To = rule.To.Select(t => Operation(t.Operation ?? new Operation())).ToList(),
        When = rule.When.Select(c => Condition(c, policyNamespace)).ToList(),
    };

    private static AuthzSource Source(PolicySource s, string policyNamespace) => new()
    {
        Principals = s.Principals,
        NotPrincipals = s.NotPrincipals,
        RequestPrincipals = s.RequestPrincipals,
        NotRequestPrincipals = s.NotRequestPrincipals,
        Namespaces = s.Namespaces,
        NotNamespaces = s.NotNamespaces,
        ServiceAccounts = Qualify(s.ServiceAccounts, policyNamespace),
        NotServiceAccounts = Qualify(s.NotServiceAccounts, policyNamespace),
        TrustDomains = s.TrustDomains,
        NotTrustDomains = s.NotTrustDomains,
        IpBlocks = s.IpBlocks,
        NotIpBlocks = s.NotIpBlocks,
        RemoteIpBlocks = s.RemoteIpBlocks,
        NotRemoteIpBlocks = s.NotRemoteIpBlocks,
    };

    private static AuthzOperation Operation(Operation o) => new()
    {
        Hosts = o.Hosts,
        NotHosts = o.NotHosts,
        Ports = o.Ports,
        NotPorts = o.NotPorts,
        Methods = o.Methods,
        NotMethods = o.NotMethods,
        Paths = o.Paths,
        NotPaths = o.NotPaths,
    };

    private static AuthzCondition Condition(Condition c, string policyNamespace)
    {
        var key = c.Key ?? "";
        var qualify = key == ConditionKeys.SourceServiceAccount;
        return new AuthzCondition
        {
            Key = key,
            Values = qualify ? Qualify(c.Values, policyNamespace) : c.Values,
            NotValues = qualify ? Qualify(c.NotValues, policyNamespace) : c.NotValues,
        };
    }

    /// <summary><c>sa</c> means the policy's namespace (authorization_policy.proto, <c>serviceAccounts</c>).</summary>
    private static IReadOnlyList<string> Qualify(IReadOnlyList<string> accounts, string policyNamespace) =>
        accounts.Select(a => a.Contains('/') ? a : $"{policyNamespace}/{a}").ToList();
}
