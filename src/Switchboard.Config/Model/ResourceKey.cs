namespace Switchboard.Config;

/// <summary>Identifies a resource the way istioctl prints it: <c>Kind namespace/name</c> (cluster-scoped: <c>Kind name</c>).</summary>
public sealed record ResourceKey(string Kind, string Namespace, string Name)
{
    public override string ToString() => Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
