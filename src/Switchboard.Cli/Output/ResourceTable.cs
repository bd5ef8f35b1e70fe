using System.Text.Json;

namespace Switchboard.Cli.Output;

/// <summary>
/// <c>sbctl get</c>'s table, kubectl's columns: NAMESPACE first with <c>-A</c>; NAME; for pods STATUS (kubectl's words), and with
/// <c>-o wide</c> IP and NODE; for services TYPE, CLUSTER-IP and PORT(S) (<c>8080/TCP,9090/TCP</c>); LABELS last with <c>--show-labels</c> (<c>k=v,k=v</c>, sorted). A missing value is
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
        var service = kind == "Service";
        var header = new List<string>();
        if (columns.Namespace) header.Add("NAMESPACE");
        header.Add("NAME");
        if (pod) header.Add("STATUS");
        if (pod && columns.Wide) header.AddRange(["IP", "NODE"]);
        if (service) header.AddRange(["TYPE", "CLUSTER-IP", "PORT(S)"]);
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
            if (service) row.AddRange([Text(obj, "spec", "type") ?? "ClusterIP", Text(obj, "spec", "clusterIP") ?? None, Ports(obj)]);
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

    /// <summary>A service's ports as kubectl lists them: <c>port/PROTOCOL</c>, comma-separated.</summary>
    private static string Ports(JsonElement obj)
    {
        if (!obj.TryGetProperty("spec", out var spec) || !spec.TryGetProperty("ports", out var ports) || ports.ValueKind != JsonValueKind.Array) return None;
        var listed = ports.EnumerateArray()
            .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("port", out _))
            .Select(p => $"{p.GetProperty("port").GetRawText()}/{(p.TryGetProperty("protocol", out var protocol) && protocol.ValueKind == JsonValueKind.String ? protocol.GetString() : "TCP")}")
            .ToList();
        return listed.Count == 0 ? None : string.Join(',', listed);
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
