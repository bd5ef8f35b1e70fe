using System.Globalization;
using System.Text.Json;

namespace Switchboard.Translation.Json;

/// <summary>The small writing rules every part of the config dump shares (what to omit, how to spell durations).</summary>
internal static class JsonParts
{
    public static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    public static void Flag(Utf8JsonWriter w, string name, bool value)
    {
        if (value) w.WriteBoolean(name, true);
    }

    public static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }

    public static void Number(Utf8JsonWriter w, string name, double value) => w.WriteNumber(name, value);

    public static void Enum<T>(Utf8JsonWriter w, string name, T? value) where T : struct, System.Enum
    {
        if (value is { } v) w.WriteString(name, CamelCase(v.ToString()));
    }

    public static void Duration(Utf8JsonWriter w, string name, TimeSpan? value)
    {
        if (value is { } v) w.WriteString(name, FormatDuration(v));
    }

    public static void List<T>(Utf8JsonWriter w, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write)
    {
        if (items.Count == 0) return;
        w.WriteStartArray(name);
        foreach (var item in items) write(w, item);
        w.WriteEndArray();
    }

    public static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> items) => List(w, name, items, (writer, s) => writer.WriteStringValue(s));

    /// <summary>A string map as an object, keys sorted ordinally.</summary>
    public static void Map(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0) return;
        w.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(key, value);
        w.WriteEndObject();
    }

    /// <summary>Protobuf JSON's duration form: seconds with 0, 3, 6 or 9 fractional digits (<c>10s</c>, <c>0.050s</c>).</summary>
    public static string FormatDuration(TimeSpan value)
    {
        var negative = value < TimeSpan.Zero;
        var ticks = negative ? -value.Ticks : value.Ticks;
        var seconds = ticks / TimeSpan.TicksPerSecond;
        var nanos = ticks % TimeSpan.TicksPerSecond * 100;
        var text = seconds.ToString(CultureInfo.InvariantCulture);
        if (nanos != 0)
        {
            var digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            var fraction = nanos.ToString("D9", CultureInfo.InvariantCulture)[..digits];
            text += "." + fraction;
        }
        return (negative ? "-" : "") + text + "s";
    }

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
