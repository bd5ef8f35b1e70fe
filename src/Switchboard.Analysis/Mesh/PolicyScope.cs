using Switchboard.Model;
using Switchboard.Config;

namespace Switchboard.Analysis.Mesh;

/// <summary>The workloads a policy applies to: its selector within its namespace, or the whole mesh from the root namespace.</summary>
public static class PolicyScope
{
    public static IEnumerable<Workload> Workloads(MeshIndex mesh, Resource policy, IReadOnlyDictionary<string, string>? selector)
    {
        var ns = policy.Namespace == mesh.RootNamespace ? null : policy.Namespace;
        return mesh.Select(ns, selector ?? ObjectMeta.Empty);
    }

    /// <summary>Service ports that front <paramref name="workload"/> (services in its namespace whose selector matches it).</summary>
    public static IEnumerable<(MeshService Service, MeshServicePort Port)> PortsOf(MeshIndex mesh, Workload workload) =>
        mesh.OfKind<Config.Kubernetes.ServiceSpec>("Service")
            .Where(s => s.Namespace == workload.Namespace && s.Spec.Selector is { Count: > 0 } sel && Selector.Matches(sel, workload.Labels))
            .SelectMany(s => mesh.ServicesFor($"{s.Name}.{s.Namespace}.svc.{mesh.Hosts.ClusterDomain}"))
            .Where(s => !s.IsServiceEntry)
            .SelectMany(s => s.Ports.Select(p => (s, p)));
}
