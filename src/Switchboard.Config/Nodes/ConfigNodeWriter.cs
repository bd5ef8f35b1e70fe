using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchboard.Config.Nodes;

/// <summary>
/// Writes a parsed document back out, as YAML (block style; strings double-quoted when plain style would change
/// their meaning) or JSON, keeping key order and scalar types. Used to persist applied config and to print it.
/// </summary>
public static class ConfigNodeWriter
{
    public static string ToYaml(ConfigNode node)
    {
        var sb = new StringBuilder();
        WriteYaml(sb, node, 0, inSequence: false);
        return sb.ToString();
    }

    public static string ToJson(ConfigNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, node);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteYaml(StringBuilder sb, ConfigNode node, int indent, bool inSequence)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case MappingNode { Entries.Count: 0 }:
                sb.Append("{}\n");
                break;
            case MappingNode map:
                var first = true;
                foreach (var (key, value) in map.Entries)
                {
                    // The first key of a sequence item sits on the "- " line.
                    if (!(first && inSequence)) sb.Append(pad);
                    first = false;
                    sb.Append(Scalar(key.Value, ScalarType.String)).Append(':');
                    WriteValue(sb, value, indent + 2);
                }
                break;
            case SequenceNode { Items.Count: 0 }:
                sb.Append("[]\n");
                break;
            case SequenceNode seq:
                foreach (var item in seq.Items)
                {
                    sb.Append(pad).Append("- ");
                    if (item is MappingNode { Entries.Count: > 0 }) WriteYaml(sb, item, indent + 2, inSequence: true);
                    else if (item is SequenceNode { Items.Count: > 0 })
                    {
                        sb.Append('\n');
                        WriteYaml(sb, item, indent + 2, inSequence: false);
                    }
                    else WriteYaml(sb, item, indent + 2, inSequence: true);
                }
                break;
            case ScalarNode scalar:
                sb.Append(Scalar(scalar.Value, scalar.Type)).Append('\n');
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, ConfigNode value, int indent)
    {
        if (value is MappingNode { Entries.Count: > 0 } or SequenceNode { Items.Count: > 0 })
        {
            sb.Append('\n');
            WriteYaml(sb, value, value is SequenceNode ? indent - 2 : indent, inSequence: false);
            return;
        }
        sb.Append(' ');
        WriteYaml(sb, value, indent, inSequence: true);
    }

    /// <summary>A scalar in YAML: as is when it reads back as the same value and type, else double-quoted.</summary>
    private static string Scalar(string value, ScalarType type)
    {
        if (type == ScalarType.Null) return "null";
        if (type != ScalarType.String) return value;
        var plainSafe = value.Length > 0
            && ScalarNode.ResolvePlain(value) == ScalarType.String
            && value.AsSpan().IndexOfAny(":#{}[],&*!|>'\"%@`\n\t\\") < 0
            && value[0] is not ('-' or '?' or ' ') && value[^1] != ' ';
        return plainSafe ? value : JsonSerializer.Serialize(value, ConfigNodeJsonContext.Default.String);
    }

    private static void WriteJson(Utf8JsonWriter writer, ConfigNode node)
    {
        switch (node)
        {
            case MappingNode map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    writer.WritePropertyName(key.Value);
                    WriteJson(writer, value);
                }
                writer.WriteEndObject();
                break;
            case SequenceNode seq:
                writer.WriteStartArray();
                foreach (var item in seq.Items) WriteJson(writer, item);
                writer.WriteEndArray();
                break;
            case ScalarNode { Type: ScalarType.Null }:
                writer.WriteNullValue();
                break;
            case ScalarNode { Type: ScalarType.Bool } b:
                writer.WriteBooleanValue(b.Value.Equals("true", StringComparison.OrdinalIgnoreCase));
                break;
            case ScalarNode { Type: ScalarType.Int or ScalarType.Float } n when double.TryParse(n.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _):
                writer.WriteRawValue(n.Value);
                break;
            case ScalarNode s:
                writer.WriteStringValue(s.Value);
                break;
        }
    }
}

/// <summary>Source-generated string encoding (no reflection, NativeAOT-safe).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class ConfigNodeJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
