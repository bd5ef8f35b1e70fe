using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Config;
using Switchboard.Config.Nodes;
using Switchboard.ControlPlane.Store;

namespace Switchboard.ControlPlane.Api;

/// <summary>The config API's JSON bodies, written without reflection.</summary>
public static class ApiJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>{"results": [...], "errors": [...], "warnings": [...]}</c></summary>
    public static string Result(StoreResult result, IReadOnlyList<string> warnings) => Write(w =>
    {
        w.WriteStartObject();
        Strings(w, "results", result.Results);
        Strings(w, "errors", result.Errors);
        Strings(w, "warnings", warnings);
        w.WriteEndObject();
    });

    /// <summary>An array of <c>{"kind", "namespace", "name", "yaml", "object"}</c>.</summary>
    public static string Resources(IEnumerable<Resource> resources) => Write(w =>
    {
        w.WriteStartArray();
        foreach (var r in resources)
        {
            w.WriteStartObject();
            w.WriteString("kind", r.Kind.Kind);
            w.WriteString("namespace", r.Namespace);
            w.WriteString("name", r.Name);
            w.WriteString("yaml", ConfigNodeWriter.ToYaml(r.Source.Document));
            w.WritePropertyName("object");
            w.WriteRawValue(ConfigNodeWriter.ToJson(r.Source.Document));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options)) body(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
