using Switchboard.Config.Loading;
using Switchboard.Config.Source;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Translate;

namespace Switchboard.Proxy.Config;

/// <summary>
/// Static mode (until the control plane exists): reads the mesh from a directory, finds this proxy's
/// workload in it, and translates. A directory with any schema error or unparseable file is rejected
/// whole, with every error located, so a typo never half-applies.
/// </summary>
internal sealed class StaticConfigSource(string directory, string workload, ProxyRole role = ProxyRole.Sidecar)
{
    public string Directory { get; } = directory;

    /// <summary>The snapshot of the last accepted load (a gateway reads its credentials' Secrets from it).</summary>
    public MeshSnapshot? Snapshot { get; private set; }

    /// <summary>The translated config, or the errors that stop it.</summary>
    public (ProxyConfig? Config, IReadOnlyList<string> Errors) Load()
    {
        var loaded = new ConfigLoader().Load([Directory]);
        var errors = loaded.Problems
            .Where(p => p.Kind is ProblemKind.Schema or ProblemKind.Unparseable)
            .Select(p => $"{p.Location.File}:{p.Location.Line}: {(p.Resource is { } r ? r + ": " : "")}{p.Message}")
            .ToList();
        if (errors.Count > 0) return (null, errors);
        var snapshot = MeshSnapshot.From(loaded.Resources);
        if (snapshot.FindWorkload(workload) is not { } self)
        {
            return (null, [$"workload {workload} not found in {Directory} (give NAMESPACE/NAME of a Pod, Deployment or WorkloadEntry)"]);
        }
        Snapshot = snapshot;
        return (Translator.Translate(snapshot, ProxyNode.For(self) with { Role = role }), []);
    }
}
