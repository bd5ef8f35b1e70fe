using Switchboard.Config.Source;

namespace Switchboard.Config;

/// <summary>One loaded resource: its kind, identity, metadata, typed spec and source locations.</summary>
public abstract class Resource(KindInfo kind, string apiVersion, ObjectMeta metadata, ResourceSource source)
{
    public KindInfo Kind { get; } = kind;
    public string ApiVersion { get; } = apiVersion;
    public ObjectMeta Metadata { get; } = metadata;
    public ResourceSource Source { get; } = source;

    public string Name => Metadata.Name ?? "";

    /// <summary>The namespace; namespaced kinds without one land in <c>default</c>, as kubectl does.</summary>
    public string Namespace => Kind.Namespaced ? (string.IsNullOrEmpty(Metadata.Namespace) ? "default" : Metadata.Namespace) : "";

    public ResourceKey Key => new(Kind.Kind, Namespace, Name);

    public IReadOnlyDictionary<string, string> Labels => Metadata.Labels;
    public IReadOnlyDictionary<string, string> Annotations => Metadata.Annotations;

    /// <summary>The spec as an object (for code that handles every kind alike).</summary>
    public abstract object SpecObject { get; }

    /// <summary>Location of a field of this resource, e.g. <c>spec.http[0].route[0].destination</c>.</summary>
    public SourceLocation Locate(string path) => Source.Locate(path);

    public override string ToString() => Key.ToString();
}

/// <summary>A resource whose spec has type <typeparamref name="TSpec"/>.</summary>
public sealed class Resource<TSpec>(KindInfo kind, string apiVersion, ObjectMeta metadata, TSpec spec, ResourceSource source)
    : Resource(kind, apiVersion, metadata, source) where TSpec : class
{
    public TSpec Spec { get; } = spec;

    public override object SpecObject => Spec;
}
