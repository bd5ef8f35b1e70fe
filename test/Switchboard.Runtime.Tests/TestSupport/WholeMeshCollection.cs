namespace Switchboard.Runtime.Tests.TestSupport;

/// <summary>
/// The tests that run a whole mesh with <c>sbctl up</c> (a control plane and a dotnet process per sidecar and app).
/// On two cores several of them at once starve each other into timeouts, so they run one at a time, after the
/// parallel tests; each is still isolated by its own bridge, subnet, state directory and ports.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeMeshCollection
{
    public const string Name = "whole mesh";
}
