using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Switchboard.Config.Binding;

/// <summary>One settable field of a config record, with its YAML name and setter.</summary>
public sealed record FieldShape(string WireName, PropertyInfo Property, bool Required, string? DeprecationAdvice, Action<object, object> Set)
{
    public Type Type => Property.PropertyType;
}

/// <summary>The YAML shape of a config record type: its fields by wire name and a constructor. Built once per type.</summary>
public sealed class TypeShape
{
    private TypeShape(Type type, IReadOnlyList<FieldShape> fields, Func<object> create)
    {
        Type = type;
        Fields = fields;
        Create = create;
        ByName = fields.ToDictionary(f => f.WireName, StringComparer.Ordinal);
        RequiredFields = fields.Where(f => f.Required).ToArray();
    }

    public Type Type { get; }
    public IReadOnlyList<FieldShape> Fields { get; }
    public IReadOnlyDictionary<string, FieldShape> ByName { get; }
    public IReadOnlyList<FieldShape> RequiredFields { get; }

    /// <summary>Creates an instance with its property defaults.</summary>
    public Func<object> Create { get; }

    /// <summary>
    /// Plain reflection over the record's metadata: it works the same with a JIT and under NativeAOT (the apps that
    /// bind config root Switchboard.Config), and typed delegates measured no faster (bench/analyze: load 1.6 s either way).
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Config record types are rooted by the apps that bind them.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Config record types are rooted by the apps that bind them.")]
    public static TypeShape Of(Type type)
    {
        var fields = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => new FieldShape(
                p.GetCustomAttribute<WireNameAttribute>()?.Name ?? CamelCase(p.Name),
                p,
                p.GetCustomAttribute<RequiredFieldAttribute>() is not null,
                p.GetCustomAttribute<DeprecatedFieldAttribute>()?.Advice,
                (target, value) => p.SetValue(target, value)))
            .ToList();
        var constructor = type.GetConstructor(Type.EmptyTypes) ?? throw new InvalidOperationException($"config type {type} has no parameterless constructor");
        return new TypeShape(type, fields, () => constructor.Invoke(null));
    }

    /// <summary><c>Http1MaxPendingRequests</c> → <c>http1MaxPendingRequests</c>.</summary>
    public static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary><c>IstioMutual</c> → <c>ISTIO_MUTUAL</c>, the spelling of Istio's protobuf enums.</summary>
    public static string UpperSnake(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]))) sb.Append('_');
            sb.Append(char.ToUpperInvariant(name[i]));
        }
        return sb.ToString();
    }
}
