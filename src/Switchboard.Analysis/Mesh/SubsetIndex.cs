namespace Switchboard.Analysis.Mesh;

/// <summary>Which subsets the DestinationRules of a host define (exact-host and wildcard-host rules).</summary>
public static class SubsetIndex
{
    public static IEnumerable<string> SubsetsFor(MeshIndex mesh, string fqdn) =>
        mesh.RulesFor(fqdn).SelectMany(r => r.Spec.Subsets).Select(s => s.Name ?? "").Where(n => n.Length > 0).Distinct();

    public static bool Defines(MeshIndex mesh, string fqdn, string subset) => SubsetsFor(mesh, fqdn).Contains(subset);
}
