using Switchboard.Config;

namespace Switchboard.Analysis.Mesh;

/// <summary>One port of a service with its declared protocol (null ⇒ sniffed).</summary>
public sealed record MeshServicePort(int Number, string? Name, string? Protocol, string? TargetPort);

/// <summary>A service the mesh routes to: a Kubernetes Service (FQDN host) or one host of a ServiceEntry.</summary>
public sealed record MeshService(string Host, string Name, string Namespace, IReadOnlyList<MeshServicePort> Ports,
    IReadOnlyDictionary<string, string>? Selector, Resource Source)
{
    public bool IsServiceEntry => Source.Kind.Kind == "ServiceEntry";
}
