using Switchboard.Authorization.Policies;

namespace Switchboard.Authorization.Evaluation;

/// <summary>
/// The fields of a rule a TCP connection cannot supply (methods, paths, hosts, requestPrincipals, request.* keys): what
/// makes an ALLOW rule never match and a DENY rule match every connection on TCP (reference §1.2). One definition for
/// the evaluator and for the analyzer that warns about it.
/// </summary>
public static class HttpOnlyFields
{
    public static IReadOnlyList<string> Of(AuthzRule rule)
    {
        var fields = new List<string>();
        foreach (var o in rule.To)
        {
            if (o.Methods.Count + o.NotMethods.Count > 0) fields.Add("methods");
            if (o.Paths.Count + o.NotPaths.Count > 0) fields.Add("paths");
            if (o.Hosts.Count + o.NotHosts.Count > 0) fields.Add("hosts");
        }
        foreach (var s in rule.From)
        {
            if (s.RequestPrincipals.Count + s.NotRequestPrincipals.Count > 0) fields.Add("requestPrincipals");
        }
        foreach (var c in rule.When)
        {
            if (ConditionKeys.IsHttpOnly(c.Key)) fields.Add(c.Key);
        }
        return fields.Distinct(StringComparer.Ordinal).ToList();
    }
}
