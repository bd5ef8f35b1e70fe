using Switchboard.Config;

namespace Switchboard.ControlPlane.Store;

/// <summary>Where the store keeps a resource: <c>DIR/&lt;namespace&gt;/&lt;kind&gt;-&lt;name&gt;.yaml</c> (cluster-scoped: <c>_cluster</c>).</summary>
public static class StoredResource
{
    public static string PathOf(string directory, ResourceKey key) =>
        Path.Combine(directory, key.Namespace.Length == 0 ? "_cluster" : key.Namespace, $"{key.Kind.ToLowerInvariant()}-{key.Name}.yaml");

    /// <summary>kubectl's way of naming a resource in messages: <c>virtualservice.networking.istio.io/reviews</c>.</summary>
    public static string Display(Resource resource) =>
        resource.Kind.Group.Length == 0 ? $"{resource.Kind.Kind.ToLowerInvariant()}/{resource.Name}" : $"{resource.Kind.Kind.ToLowerInvariant()}.{resource.Kind.Group}/{resource.Name}";
}
