using Switchboard.Authorization.Matching;
using Switchboard.Authorization.Policies;
using Switchboard.Authorization.Requests;

namespace Switchboard.Authorization.Evaluation;

/// <summary>
/// One rule against one request (authorization_policy.proto, <c>Rule</c>): any <c>from</c>, any <c>to</c>, every
/// <c>when</c>; inside a source or operation every set field (AND), any value of a field (OR), no value of a
/// <c>not</c> field. Constraints that cannot be evaluated are dropped here; <see cref="Evaluability"/> keeps ALLOW
/// rules that contain them from ever getting here.
/// </summary>
internal static class RuleMatcher
{
    /// <summary>Whether <paramref name="rule"/> matches, with <paramref name="path"/> as the path view (see AuthzEvaluator on path parameters).</summary>
    public static bool Matches(AuthzRule rule, RequestAttributes request, string? path) =>
        (rule.From.Count == 0 || rule.From.Any(s => SourceMatches(s, request)))
        && (rule.To.Count == 0 || rule.To.Any(o => OperationMatches(o, request, path)))
        && rule.When.All(c => ConditionMatcher.Holds(c, request));

    private static bool SourceMatches(AuthzSource s, RequestAttributes r)
    {
        // principals and namespaces read the peer certificate; on plaintext they see an empty value
        // (ISTIO-SECURITY-2021-004), so "*" there means "mTLS required".
        return Field(s.Principals, s.NotPrincipals, p => StringPattern.Matches(p, r.SourcePrincipal))
            && (r.IsTcp || Field(s.RequestPrincipals, s.NotRequestPrincipals, p => StringPattern.Matches(p, r.RequestPrincipal)))
            && Field(s.Namespaces, s.NotNamespaces, p => StringPattern.Matches(p, r.SourceNamespace))
            && Field(s.ServiceAccounts, s.NotServiceAccounts, a => SpiffePrincipal.IsServiceAccount(r.SourcePrincipal, a))
            && Field(s.TrustDomains, s.NotTrustDomains, p => StringPattern.Matches(p, r.SourceTrustDomain))
            && IpField(s.IpBlocks, s.NotIpBlocks, r.SourceIp)
            && IpField(s.RemoteIpBlocks, s.NotRemoteIpBlocks, r.RemoteIp);
    }

    private static bool OperationMatches(AuthzOperation o, RequestAttributes r, string? path)
    {
        var portsOk = (!Evaluability.AllPorts(o.Ports) || Field(o.Ports, [], p => Port(p) == r.Port))
            && (!Evaluability.AllPorts(o.NotPorts) || Field([], o.NotPorts, p => Port(p) == r.Port));
        if (!portsOk) return false;
        if (r.IsTcp) return true;
        // hosts: case-insensitive (RFC 4343; CVE-2021-39155). methods and paths: case-sensitive, as Istio.
        return Field(o.Hosts, o.NotHosts, h => StringPattern.Matches(h, r.Authority, StringComparison.OrdinalIgnoreCase))
            && Field(o.Methods, o.NotMethods, m => StringPattern.Matches(m, r.Method))
            && Field(o.Paths, o.NotPaths, p => PathPattern.Matches(p, path));
    }

    private static bool Field(IReadOnlyList<string> values, IReadOnlyList<string> notValues, Func<string, bool> matches) =>
        (values.Count == 0 || values.Any(matches)) && !notValues.Any(matches);

    /// <summary>A list with an unparsable block is dropped (see <see cref="Evaluability"/>); each list on its own.</summary>
    private static bool IpField(IReadOnlyList<string> blocks, IReadOnlyList<string> notBlocks, System.Net.IPAddress? address)
    {
        bool In(string b) => CidrBlock.TryParse(b, out var block) && block.Contains(address);
        return (!Evaluability.AllCidrs(blocks) || blocks.Count == 0 || blocks.Any(In))
            && (!Evaluability.AllCidrs(notBlocks) || !notBlocks.Any(In));
    }

    private static int Port(string text) => Evaluability.TryPort(text, out var port) ? port : -1;
}
