using System.Text.Json;

namespace Switchboard.Cli.Output;

/// <summary>
/// <c>sbctl get</c>'s table, kubectl's columns: NAMESPACE first with <c>-A</c>; NAME; for pods STATUS (kubectl's words), and with
/// <c>-o wide</c> IP and NODE; LABELS last with <c>--show-labels</c> (<c>k=v,k=v</c>, sorted). A missing value is
/// <c>&lt;none&gt;</c>, as kubectl prints it.
/// </summary>
public static class ResourceTable
{
    private const string None = "<none>";

    /// <summary>Which columns to show beside the name.</summary>
    public sealed record Columns(bool Namespace, bool Wide, bool Labels);

    /// <summary>Writes <paramref name="items"/> (the API's <c>{"namespace", "name", "object"}</c>) of <paramref name="kind"/>.</summary>
    public static void Write(TextWriter output, string kind, IReadOnlyList<JsonElement> items, Columns columns)
    {
        var pod = kind == "Pod";
        var header = new List<string>();
        if (columns.Namespace) header.Add("NAMESPACE");
        header.Add("NAME");
        if (pod) header.Add("STATUS");
        if (pod && columns.Wide) header.AddRange(["IP", "NODE"]);
        if (columns.Labels) header.Add("LABELS");
        var rows = new List<IReadOnlyList<string>> { header };
        foreach (var item in items)
        {
            var obj = item.GetProperty("object");
            var row = new List<string>();
            if (columns.Namespace) row.Add(item.GetProperty("namespace").GetString() ?? "");
            row.Add(item.GetProperty("name").GetString() ?? "");
            if (pod) row.Add(Status(Text(obj, "status", "phase")));
            if (pod && columns.Wide) row.AddRange([Text(obj, "status", "podIP") ?? None, Text(obj, "spec", "nodeName") ?? None]);
            if (columns.Labels) row.Add(Labels(obj));
            rows.Add(row);
        }
        TextTable.Write(output, rows);
    }

    /// <summary><c>k=v,k=v</c> sorted by key (ordinal, as kubectl sorts them), or <c>&lt;none&gt;</c>.</summary>
    public static string Labels(JsonElement obj)
    {
        if (!obj.TryGetProperty("metadata", out var meta) || !meta.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Object)
            return None;
        var pairs = labels.EnumerateObject().OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => $"{l.Name}={(l.Value.ValueKind == JsonValueKind.String ? l.Value.GetString() : l.Value.GetRawText())}").ToList();
        return pairs.Count == 0 ? None : string.Join(',', pairs);
    }

    /// <summary>kubectl's STATUS: the phase, but a finished pod's as kubectl words it (Completed, Error).</summary>
    private static string Status(string? phase) => phase switch
    {
        null => "Unknown",
        "Succeeded" => "Completed",
        "Failed" => "Error",
        _ => phase,
    };

    private static string? Text(JsonElement obj, string section, string field) =>
        obj.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } text
            ? text : null;
}
