using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;
using Switchboard.Config;
using Switchboard.Config.Security;

namespace Switchboard.Analysis.Analyzers.Security;

/// <summary>
/// PERMISSIVE is Istio's default, so a mesh "with mTLS" may still accept plain text from anything without a
/// sidecar (the seed's audit finding). Flags mesh- and namespace-wide PeerAuthentications that are not
/// STRICT, and namespaces running injected workloads with no STRICT policy in effect at all.
/// </summary>
public sealed class MtlsModeAnalyzer : IAnalyzer
{
    public string Name => "peerauthentication.MtlsModeAnalyzer";
    public string Description => "Flags meshes and namespaces whose effective mTLS mode accepts plain text";
    public IReadOnlyList<string> Inputs => ["PeerAuthentication", "Namespace", "Pod", "Deployment"];

    public void Analyze(AnalysisContext context)
    {
        var mesh = context.Mesh;
        var wide = mesh.OfKind<PeerAuthenticationSpec>("PeerAuthentication").Where(p => p.Spec.Selector is not { MatchLabels.Count: > 0 }).ToList();
        var meshPolicy = wide.FirstOrDefault(p => p.Namespace == mesh.RootNamespace && Mode(p) != MtlsMode.Unset);
        var meshMode = meshPolicy is null ? MtlsMode.Permissive : Mode(meshPolicy);
        foreach (var policy in wide)
        {
            if (Mode(policy) is MtlsMode.Permissive or MtlsMode.Disable)
            {
                var scope = policy.Namespace == mesh.RootNamespace ? "the whole mesh" : $"namespace {policy.Namespace}";
                context.Report(Catalogue.MtlsNotStrict, policy, "spec.mtls.mode", Capitalize(scope), $"PeerAuthentication mode {Mode(policy).ToString().ToUpperInvariant()}");
            }
        }
        if (meshMode != MtlsMode.Strict && meshPolicy is null)
        {
            // Only namespaces that run injected workloads and have no namespace-wide mode of their own.
            var covered = wide.Where(p => Mode(p) != MtlsMode.Unset).Select(p => p.Namespace).ToHashSet(StringComparer.Ordinal);
            var injected = mesh.Workloads.Where(w => w.Injected && !w.IsGateway).Select(w => w.Namespace).Distinct(StringComparer.Ordinal);
            foreach (var ns in injected.Where(n => !covered.Contains(n)).Order(StringComparer.Ordinal))
            {
                if (mesh.Find<Config.Kubernetes.NamespaceBody>("Namespace", "", ns) is not { } nsResource) continue;
                context.Report(Catalogue.MtlsNotStrict, nsResource, "metadata.name", $"Namespace {ns}",
                    "no PeerAuthentication sets STRICT for it or for the mesh, and Istio's default is PERMISSIVE");
            }
        }
    }

    private static MtlsMode Mode(Resource<PeerAuthenticationSpec> policy) => policy.Spec.Mtls?.Mode ?? MtlsMode.Unset;

    private static string Capitalize(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
