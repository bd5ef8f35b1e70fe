using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Analysis.Messages;

namespace Switchboard.Cli.Output;

/// <summary><c>-o json</c>: an array of message objects (written without reflection, so it stays trim-safe).</summary>
public static class MessageJson
{
    public static void Write(TextWriter output, IReadOnlyList<AnalysisMessage> messages)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var message in messages)
            {
                json.WriteStartObject();
                foreach (var (name, value) in MessageFields.Of(message))
                {
                    switch (value)
                    {
                        case null: json.WriteNull(name); break;
                        case int i: json.WriteNumber(name, i); break;
                        default: json.WriteString(name, value.ToString()); break;
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
