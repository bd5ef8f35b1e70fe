using Switchboard.Authorization.Policies;
using Switchboard.Config;
using Switchboard.Config.Loading;
using Switchboard.Config.Security;
using Switchboard.Config.Source;

namespace Switchboard.Authorization.Tests.TestSupport;

/// <summary>Builds wire policies from AuthorizationPolicy YAML through the real loader and the mapper.</summary>
internal static class TestPolicies
{
    /// <summary>
    /// One AuthorizationPolicy whose <c>spec</c> is <paramref name="spec"/> (written unindented), in
    /// <paramref name="ns"/>, optionally with annotations; <paramref name="allowInvalid"/> accepts schema errors (the
    /// evaluator must stay safe on config that validation rejects).
    /// </summary>
    public static AuthzPolicy Parse(string spec, string name = "p", string ns = "app", string annotations = "", bool allowInvalid = false)
    {
        var resources = Load(Doc(spec, name, ns, annotations), allowInvalid);
        return AuthzPolicyMapper.From(Assert.Single(resources));
    }

    public static IReadOnlyList<Resource<AuthorizationPolicySpec>> Load(string yaml, bool allowInvalid = false)
    {
        var result = new ConfigLoader().LoadText(yaml, "policies.yaml");
        var errors = result.Problems.Where(p => p.Kind is ProblemKind.Unparseable || (!allowInvalid && p.Kind == ProblemKind.Schema)).ToList();
        Assert.True(errors.Count == 0, "policy does not load cleanly:\n" + string.Join("\n", errors.Select(e => $"{e.Location}: {e.Message}")));
        return result.Resources.OfType<Resource<AuthorizationPolicySpec>>().ToList();
    }

    public static string Doc(string spec, string name = "p", string ns = "app", string annotations = "")
    {
        var body = string.Join('\n', spec.Replace("\r\n", "\n").Split('\n').Select(l => l.Length == 0 ? l : "  " + l));
        var meta = annotations.Length == 0 ? "" : $"\n  annotations:\n    {annotations}";
        return $"apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: {name}\n  namespace: {ns}{meta}\nspec:\n{body}\n";
    }
}
