using System.Globalization;
using Switchboard.Authorization.Matching;
using Switchboard.Authorization.Policies;

namespace Switchboard.Authorization.Evaluation;

/// <summary>
/// Which constraints of a rule cannot be evaluated for a request, and what that means (reference §1.2, "TCP traffic";
/// Istio's authz builder):
/// <list type="bullet">
/// <item>HTTP-only fields and keys on TCP (hosts, methods, paths, requestPrincipals, <c>request.*</c>);</item>
/// <item>unsupported <c>when</c> keys (<c>experimental.envoy.filters.*</c>, unknown keys);</item>
/// <item>values that do not parse (a bad CIDR, a non-numeric port).</item>
/// </list>
/// An ALLOW rule containing any of them never matches (Istio skips the whole rule: a smaller allow). For DENY, AUDIT
/// and CUSTOM the constraint is dropped and the rest of the rule decides (a wider deny: "missing attributes are
/// treated as matches", so a DENY with <c>methods</c> and no <c>ports</c> denies all TCP). CUSTOM is treated like
/// DENY because calling the external authorizer more often can only deny more.
/// </summary>
internal static class Evaluability
{
    public static bool HasUnevaluable(AuthzRule rule, bool isTcp)
    {
        if (isTcp && HttpOnlyFields.Of(rule).Count > 0) return true;
        foreach (var s in rule.From)
        {
            if (!AllCidrs(s.IpBlocks) || !AllCidrs(s.NotIpBlocks) || !AllCidrs(s.RemoteIpBlocks) || !AllCidrs(s.NotRemoteIpBlocks)) return true;
        }
        foreach (var o in rule.To)
        {
            if (!AllPorts(o.Ports) || !AllPorts(o.NotPorts)) return true;
        }
        foreach (var c in rule.When)
        {
            if (!IsConditionEvaluable(c, isTcp)) return true;
        }
        return false;
    }

    public static bool HasHttpFields(AuthzOperation o) =>
        o.Hosts.Count + o.NotHosts.Count + o.Methods.Count + o.NotMethods.Count + o.Paths.Count + o.NotPaths.Count > 0;

    public static bool IsConditionEvaluable(AuthzCondition c, bool isTcp)
    {
        var kind = ConditionKinds.Of(c.Key);
        if (kind == ConditionKind.Unsupported) return false;
        if (isTcp && ConditionKeys.IsHttpOnly(c.Key)) return false;
        return kind switch
        {
            ConditionKind.SourceIp or ConditionKind.RemoteIp or ConditionKind.DestinationIp => AllCidrs(c.Values) && AllCidrs(c.NotValues),
            ConditionKind.DestinationPort => AllPorts(c.Values) && AllPorts(c.NotValues),
            _ => true,
        };
    }

    public static bool AllCidrs(IReadOnlyList<string> values) => values.All(v => CidrBlock.TryParse(v, out _));

    public static bool AllPorts(IReadOnlyList<string> values) => values.All(v => TryPort(v, out _));

    /// <summary>Ports are exact decimal numbers 0–65535 (no wildcards: reference §1.2).</summary>
    public static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;
}
