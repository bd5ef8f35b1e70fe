using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Switchboard.Config.Nodes;
using Switchboard.Config.Types;

namespace Switchboard.Config.Binding;

/// <summary>
/// Binds <see cref="ConfigNode"/> trees to immutable config records, strictly: an unknown field, a wrong
/// type or a bad enum value is a located error naming the field path (and the closest valid name), and
/// binding goes on so one pass reports every problem. Records are plain classes with init-only
/// properties; their YAML shape comes from <see cref="TypeShape"/>. Converters are built once per type.
/// </summary>
public static class ConfigBinder
{
    private delegate object? Converter(ConfigNode node, FieldPath path, BindContext ctx);

    private static readonly ConcurrentDictionary<Type, Converter> Converters = new();
    private static readonly ConcurrentDictionary<Type, TypeShape> Shapes = new();

    public static T? Bind<T>(ConfigNode node, string path, BindContext ctx) => (T?)Bind(node, typeof(T), Start(path), ctx);

    public static object? Bind(ConfigNode node, Type type, string path, BindContext ctx) => Bind(node, type, Start(path), ctx);

    /// <summary>Binds <paramref name="node"/> as <paramref name="type"/>; null for explicit nulls and for values in error.</summary>
    public static object? Bind(ConfigNode node, Type type, FieldPath path, BindContext ctx)
    {
        if (node is ScalarNode { Type: ScalarType.Null } && type != typeof(ConfigNode)) return null;
        return Converters.GetOrAdd(type, Create)(node, path, ctx);
    }

    public static TypeShape ShapeOf(Type type) => Shapes.GetOrAdd(type, TypeShape.Of);

    private static FieldPath Start(string path) => path.Length == 0 ? FieldPath.Root : FieldPath.Root.Field(path);

    // Config record types are rooted by the apps that bind them (see Switchboard.Proxy.csproj).
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Config record types are rooted.")]
    private static Converter Create(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying) return (n, p, c) => Bind(n, underlying, p, c);
        if (type == typeof(string)) return (n, p, c) => Scalar(n, p, c, "a string", ScalarType.String)?.Value;
        if (type == typeof(bool)) return (n, p, c) => Scalar(n, p, c, "true or false", ScalarType.Bool) is { } s ? s.Value.Equals("true", StringComparison.OrdinalIgnoreCase) : null;
        if (type == typeof(int)) return (n, p, c) => Integer(n, p, c, int.MinValue, int.MaxValue) is long v ? (int)v : null;
        if (type == typeof(uint)) return (n, p, c) => Integer(n, p, c, 0, uint.MaxValue) is long v ? (uint)v : null;
        if (type == typeof(long)) return (n, p, c) => Integer(n, p, c, long.MinValue, long.MaxValue);
        if (type == typeof(double)) return Double;
        if (type == typeof(Duration)) return DurationValue;
        if (type == typeof(IntOrString)) return IntOrStringValue;
        if (type == typeof(ConfigNode)) return (n, _, _) => n;
        if (type.IsEnum) return EnumConverter(type);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)) return ListConverter(type.GetGenericArguments()[0]);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)) return MapConverter(type.GetGenericArguments()[1]);
        if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null) return RecordConverter(type);
        throw new InvalidOperationException($"config type {type} has no binding");
    }

    private static ScalarNode? Scalar(ConfigNode node, FieldPath path, BindContext ctx, string expected, ScalarType accepted, ScalarType? alsoAccepted = null)
    {
        if (node is ScalarNode s && (s.Type == accepted || s.Type == alsoAccepted)) return s;
        ctx.Error(node, $"{path}: expected {expected}, got {Shown(node)}");
        return null;
    }

    private static string Shown(ConfigNode node) => node is ScalarNode s ? $"{s.Describe()} \"{Truncate(s.Value)}\"" : $"a {node.Describe()}";

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..57] + "...";

    private static object? Integer(ConfigNode node, FieldPath path, BindContext ctx, long min, long max)
    {
        if (Scalar(node, path, ctx, "an integer", ScalarType.Int) is not { } s) return null;
        if (!long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            ctx.Error(node, $"{path}: {s.Value} is out of range ({min}..{max})");
            return null;
        }
        return v;
    }

    private static object? Double(ConfigNode node, FieldPath path, BindContext ctx)
    {
        if (Scalar(node, path, ctx, "a number", ScalarType.Int, ScalarType.Float) is not { } s) return null;
        if (double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        ctx.Error(node, $"{path}: {s.Value} is not a finite number");
        return null;
    }

    private static object? DurationValue(ConfigNode node, FieldPath path, BindContext ctx)
    {
        if (Scalar(node, path, ctx, "a duration such as \"30s\" or \"100ms\"", ScalarType.String) is not { } s) return null;
        if (Duration.TryParse(s.Value, out var d, out var why)) return d;
        ctx.Error(node, $"{path}: invalid duration \"{Truncate(s.Value)}\": {why}");
        return null;
    }

    private static object? IntOrStringValue(ConfigNode node, FieldPath path, BindContext ctx)
    {
        if (Scalar(node, path, ctx, "a number or a name", ScalarType.Int, ScalarType.String) is not { } s) return null;
        if (s.Type == ScalarType.String) return new IntOrString(null, s.Value);
        return Integer(node, path, ctx, 0, 65535) is long v ? new IntOrString((int)v, null) : null;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Config enum types are rooted.")]
    private static Converter EnumConverter(Type type)
    {
        var values = new Dictionary<string, (object Value, string? Deprecation)>(StringComparer.Ordinal);
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var wire = field.GetCustomAttribute<WireNameAttribute>()?.Name ?? TypeShape.UpperSnake(field.Name);
            values[wire] = (field.GetValue(null)!, field.GetCustomAttribute<DeprecatedFieldAttribute>()?.Advice);
        }
        return (node, path, ctx) =>
        {
            if (Scalar(node, path, ctx, "one of " + string.Join(", ", values.Keys), ScalarType.String) is not { } s) return null;
            if (values.TryGetValue(s.Value, out var hit))
            {
                if (hit.Deprecation is { } advice) ctx.Deprecated(node, $"{path}: {s.Value} is deprecated: {advice}");
                return hit.Value;
            }
            var guess = NameSuggester.Closest(s.Value, values.Keys);
            ctx.Error(node, $"{path}: unknown value \"{Truncate(s.Value)}\"; expected one of {string.Join(", ", values.Keys)}"
                + (guess is null ? "" : $" (did you mean \"{guess}\"?)"));
            return null;
        };
    }

    // The collection binders instantiate no generic method at run time, so they work under NativeAOT: the array and
    // dictionary types they make are the ones the records' defaults already mention, so their code exists.
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Record defaults reference T[] and Dictionary<string, T>.")]
    private static Converter ListConverter(Type item) => (node, path, ctx) =>
    {
        if (node is not SequenceNode seq)
        {
            ctx.Error(node, $"{path}: expected a list, got {Shown(node)}");
            return null;
        }
        var bound = new List<object>(seq.Items.Count);
        for (var i = 0; i < seq.Items.Count; i++)
        {
            if (Bind(seq.Items[i], item, path.Item(i), ctx) is { } value) bound.Add(value);
            else if (seq.Items[i] is ScalarNode { Type: ScalarType.Null }) ctx.Error(seq.Items[i], $"{path.Item(i)}: empty list item");
        }
        var array = Array.CreateInstance(item, bound.Count);
        for (var i = 0; i < bound.Count; i++) array.SetValue(bound[i], i);
        return array;
    };

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Record defaults reference T[] and Dictionary<string, T>.")]
    [UnconditionalSuppressMessage("Trimming", "IL2055", Justification = "Dictionary<string, T> of rooted config types.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Dictionary<string, T> of rooted config types.")]
    private static Converter MapConverter(Type value)
    {
        var dictionaryType = typeof(Dictionary<,>).MakeGenericType(typeof(string), value);
        return (node, path, ctx) =>
        {
            if (node is not MappingNode map)
            {
                ctx.Error(node, $"{path}: expected a mapping, got {Shown(node)}");
                return null;
            }
            var dictionary = (IDictionary)Activator.CreateInstance(dictionaryType)!;
            foreach (var (key, raw) in map.Entries)
            {
                var bound = Bind(raw, value, path.Key(key.Value), ctx);
                if (bound is not null) dictionary[key.Value] = bound;
                else if (raw is ScalarNode { Type: ScalarType.Null })
                {
                    if (value == typeof(string)) dictionary[key.Value] = "";
                    else ctx.Error(key, $"{path.Key(key.Value)}: value is null; use {{}} for an empty value");
                }
            }
            return dictionary;
        };
    }

    private static Converter RecordConverter(Type type)
    {
        var shape = ShapeOf(type);
        return (node, path, ctx) =>
        {
            if (node is not MappingNode map)
            {
                ctx.Error(node, $"{path}: expected a mapping, got {Shown(node)}");
                return null;
            }
            var record = shape.Create();
            foreach (var (key, raw) in map.Entries)
            {
                if (!shape.ByName.TryGetValue(key.Value, out var field))
                {
                    var guess = NameSuggester.Closest(key.Value, shape.ByName.Keys);
                    ctx.Error(key, $"unknown field \"{Truncate(key.Value)}\" in {(path.IsRoot ? "the document" : path.ToString())}"
                        + (guess is null ? "" : $"; did you mean \"{guess}\"?"));
                    continue;
                }
                var fieldPath = path.Field(key.Value);
                if (field.DeprecationAdvice is { } advice) ctx.Deprecated(key, $"{fieldPath} is deprecated: {advice}");
                var bound = Bind(raw, field.Type, fieldPath, ctx);
                if (bound is not null) field.Set(record, bound);
            }
            foreach (var field in shape.RequiredFields)
            {
                if (map.Get(field.WireName) is null && IsMissing(field.Property.GetValue(record)))
                {
                    ctx.Error(map, $"{(path.IsRoot ? "" : path + ".")}{field.WireName} is required");
                }
            }
            return record;
        };
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        ICollection c => c.Count == 0,
        _ => false,
    };
}
