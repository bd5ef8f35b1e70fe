using System.Reflection;

namespace Switchboard.Config.Binding;

/// <summary>One settable field of a config record, with its YAML name.</summary>
public sealed record FieldShape(string WireName, PropertyInfo Property, bool Required, string? DeprecationAdvice)
{
    public Type Type => Property.PropertyType;
}

/// <summary>The YAML shape of a config record type: its fields by wire name. Built once per type.</summary>
public sealed class TypeShape
{
    private TypeShape(Type type, IReadOnlyList<FieldShape> fields)
    {
        Type = type;
        Fields = fields;
        ByName = fields.ToDictionary(f => f.WireName, StringComparer.Ordinal);
    }

    public Type Type { get; }
    public IReadOnlyList<FieldShape> Fields { get; }
    public IReadOnlyDictionary<string, FieldShape> ByName { get; }

    public static TypeShape Of(Type type)
    {
        var fields = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => new FieldShape(
                p.GetCustomAttribute<WireNameAttribute>()?.Name ?? CamelCase(p.Name),
                p,
                p.GetCustomAttribute<RequiredFieldAttribute>() is not null,
                p.GetCustomAttribute<DeprecatedFieldAttribute>()?.Advice))
            .ToList();
        return new TypeShape(type, fields);
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
