using System.Text.Json;
using Switchboard.Analysis.Messages;

namespace Switchboard.Cli.Output;

/// <summary><c>-o yaml</c>: a sequence of message mappings; strings are written double-quoted (JSON escapes are valid YAML).</summary>
public static class MessageYaml
{
    public static void Write(TextWriter output, IReadOnlyList<AnalysisMessage> messages)
    {
        if (messages.Count == 0)
        {
            output.WriteLine("[]");
            return;
        }
        foreach (var message in messages)
        {
            var first = true;
            foreach (var (name, value) in MessageFields.Of(message))
            {
                var text = value switch
                {
                    null => "null",
                    int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => JsonSerializer.Serialize(value.ToString(), MessageYamlContext.Default.String),
                };
                output.WriteLine($"{(first ? "- " : "  ")}{name}: {text}");
                first = false;
            }
        }
    }
}

/// <summary>Source-generated JSON string encoding for YAML scalars.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class MessageYamlContext : System.Text.Json.Serialization.JsonSerializerContext;
