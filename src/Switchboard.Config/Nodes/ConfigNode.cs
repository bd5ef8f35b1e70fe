using Switchboard.Config.Source;

namespace Switchboard.Config.Nodes;

/// <summary>
/// A parsed YAML or JSON value with its location. The loader reads text into this small tree first,
/// so binding, validation and error messages all see one format and every node knows its file:line.
/// </summary>
public abstract class ConfigNode(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    /// <summary>A short word for messages: "mapping", "sequence", "string", "number", …</summary>
    public abstract string Describe();
}

/// <summary>An ordered key → value mapping; keys keep their own locations.</summary>
public sealed class MappingNode(SourceLocation location, IReadOnlyList<KeyValuePair<ScalarNode, ConfigNode>> entries)
    : ConfigNode(location)
{
    public IReadOnlyList<KeyValuePair<ScalarNode, ConfigNode>> Entries { get; } = entries;

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public ConfigNode? Get(string key)
    {
        foreach (var (k, v) in Entries)
        {
            if (k.Value == key) return v;
        }
        return null;
    }

    public override string Describe() => "mapping";
}

/// <summary>A sequence of values.</summary>
public sealed class SequenceNode(SourceLocation location, IReadOnlyList<ConfigNode> items) : ConfigNode(location)
{
    public IReadOnlyList<ConfigNode> Items { get; } = items;

    public override string Describe() => "sequence";
}

/// <summary>What a scalar resolves to under the YAML 1.2 core schema (quoted scalars are always strings).</summary>
public enum ScalarType { Null, Bool, Int, Float, String }

/// <summary>A scalar with its text and resolved type.</summary>
public sealed class ScalarNode(SourceLocation location, string value, ScalarType type) : ConfigNode(location)
{
    public string Value { get; } = value;
    public ScalarType Type { get; } = type;

    public override string Describe() => Type switch
    {
        ScalarType.Null => "null",
        ScalarType.Bool => "boolean",
        ScalarType.Int or ScalarType.Float => "number",
        _ => "string",
    };

    /// <summary>Resolves a plain (unquoted) YAML scalar the way the YAML 1.2 core schema does.</summary>
    public static ScalarType ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return ScalarType.Null;
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
                return ScalarType.Bool;
            case ".inf" or "-.inf" or "+.inf" or ".nan" or ".Inf" or ".NaN" or ".INF" or ".NAN":
                return ScalarType.Float;
        }
        if (IsInteger(text)) return ScalarType.Int;
        if (IsFloat(text)) return ScalarType.Float;
        return ScalarType.String;
    }

    private static bool IsInteger(string s)
    {
        var i = s[0] is '-' or '+' ? 1 : 0;
        if (i == s.Length) return false;
        if (s.Length > i + 2 && s[i] == '0' && (s[i + 1] is 'x' or 'o'))
        {
            return s.AsSpan(i + 2).IndexOfAnyExcept("0123456789abcdefABCDEF") < 0;
        }
        return s.AsSpan(i).IndexOfAnyExcept("0123456789") < 0;
    }

    private static bool IsFloat(string s)
    {
        // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var i = s[0] is '-' or '+' ? 1 : 0;
        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '-' or '+') i++;
            var exp = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == s.Length;
    }
}
