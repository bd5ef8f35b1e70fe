namespace Switchboard.Config.Binding;

/// <summary>The field's or enum value's name in YAML when it is not the camelCase / UPPER_SNAKE form of the C# name.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class WireNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>The field must be present (and non-empty, for strings and lists).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredFieldAttribute : Attribute;

/// <summary>Using this field or enum value produces an IST0002 Deprecated message with <see cref="Advice"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DeprecatedFieldAttribute(string advice) : Attribute
{
    public string Advice { get; } = advice;
}
