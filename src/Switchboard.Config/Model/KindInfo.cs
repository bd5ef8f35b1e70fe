using Switchboard.Config.Validation;

namespace Switchboard.Config;

/// <summary>
/// One kind the loader understands: its API group, served versions, spec type and validator.
/// Istio kinds keep their spec under <c>spec</c>; Kubernetes kinds such as Secret have no <c>spec</c>,
/// so their whole body (all top-level fields but apiVersion, kind and metadata) binds to the spec type.
/// </summary>
public sealed class KindInfo
{
    private readonly Func<KindInfo, string, ObjectMeta, object, ResourceSource, Resource> _create;

    private KindInfo(string group, string kind, IReadOnlyList<string> versions, Type specType, bool specField, bool namespaced,
        ISpecValidator? validator, Func<KindInfo, string, ObjectMeta, object, ResourceSource, Resource> create)
    {
        Group = group;
        Kind = kind;
        Versions = versions;
        SpecType = specType;
        SpecField = specField;
        Namespaced = namespaced;
        Validator = validator;
        _create = create;
    }

    public string Group { get; }
    public string Kind { get; }
    public IReadOnlyList<string> Versions { get; }
    public Type SpecType { get; }

    /// <summary>True when the spec sits under a <c>spec</c> field; false when the whole body is the spec.</summary>
    public bool SpecField { get; }

    public bool Namespaced { get; }
    public ISpecValidator? Validator { get; }

    /// <summary>The <c>group/version</c> of this kind's newest served version (for messages and output).</summary>
    public string PreferredApiVersion => Group.Length == 0 ? Versions[0] : $"{Group}/{Versions[0]}";

    public static KindInfo Of<TSpec>(string group, string kind, string[] versions, bool specField = true, bool namespaced = true,
        ISpecValidator? validator = null) where TSpec : class, new() =>
        new(group, kind, versions, typeof(TSpec), specField, namespaced, validator,
            (info, apiVersion, meta, spec, source) => new Resource<TSpec>(info, apiVersion, meta, (TSpec)spec, source));

    public Resource Create(string apiVersion, ObjectMeta metadata, object spec, ResourceSource source) => _create(this, apiVersion, metadata, spec, source);

    public override string ToString() => Kind;
}
