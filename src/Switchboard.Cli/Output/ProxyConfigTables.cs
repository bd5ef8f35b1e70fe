using System.Text.Json;

namespace Switchboard.Cli.Output;

/// <summary>istioctl's proxy-config filters: <c>--fqdn</c>, <c>--subset</c>, <c>--port</c>, <c>--direction</c> (null: any).</summary>
public sealed record TableFilter(string? Fqdn = null, string? Subset = null, int? Port = null, string? Direction = null)
{
    /// <summary>Everything the proxy has is outbound until inbound listeners arrive with capture.</summary>
    public bool Admits(string host, string port, string subset, string direction = "outbound") =>
        (Fqdn is null || host == Fqdn) && (Subset is null || subset == Subset) && (Port is null || port == Port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
        && (Direction is null || string.Equals(Direction, direction, StringComparison.OrdinalIgnoreCase));
}

/// <summary>istioctl proxy-config's tables over a proxy's /config_dump JSON.</summary>
public static class ProxyConfigTables
{
    public static void Write(TextWriter output, JsonElement config, string view, TableFilter filter)
    {
        if (view is "cluster" or "all") Clusters(output, config, filter);
        if (view is "endpoint" or "all") Endpoints(output, config, filter);
        if (view is "listener" or "all") Listeners(output, config, filter);
        if (view is "route" or "all") Routes(output, config, filter);
    }

    /// <summary>Outbound ports: HTTP ones route by authority (Route: PORT), TCP ones forward to their L4 routes' clusters (by SNI first, for TLS).</summary>
    private static void Listeners(TextWriter output, JsonElement config, TableFilter filter)
    {
        var rows = new List<string[]> { new[] { "ADDRESSES", "PORT", "MATCH", "DESTINATION" } };
        foreach (var table in Array(config, "routeTables").Where(t => filter.Admits(filter.Fqdn ?? "", Text(t, "port"), filter.Subset ?? ""))) rows.Add(["0.0.0.0", Text(table, "port"), "HTTP (any authority)", $"Route: {Text(table, "name")}"]);
        foreach (var service in Array(config, "tcpServices"))
        {
            if (!filter.Admits(filter.Fqdn ?? "", Text(service, "port"), filter.Subset ?? "")) continue;
            // Routes limited to SNI hosts (VirtualService tls rules) get a row each, as istioctl shows TLS filter chains; then the first unlimited one.
            foreach (var route in Array(service, "routes"))
            {
                var sni = Array(route, "sniHosts").Select(h => h.GetString() ?? "").ToList();
                var clusters = Array(route, "clusters").Select(c => Text(c, "cluster")).ToList();
                rows.Add(["0.0.0.0", Text(service, "port"), sni.Count > 0 ? $"SNI: {string.Join(",", sni)}" : $"TCP {Text(service, "name")}", $"Cluster: {string.Join(",", clusters)}"]);
                if (sni.Count == 0) break;
            }
        }
        Table(output, rows);
    }

    private static void Clusters(TextWriter output, JsonElement config, TableFilter filter)
    {
        var rows = new List<string[]> { new[] { "SERVICE FQDN", "PORT", "SUBSET", "DIRECTION", "TYPE", "DESTINATION RULE" } };
        foreach (var cluster in Array(config, "clusters"))
        {
            var host = Text(cluster, "host");
            var clusterSubset = Text(cluster, "subset");
            if (!filter.Admits(host, Text(cluster, "port"), clusterSubset)) continue;
            rows.Add([host, Text(cluster, "port"), clusterSubset.Length == 0 ? "-" : clusterSubset, "outbound", "EDS", Text(cluster, "destinationRule") is { Length: > 0 } dr ? dr : "-"]);
        }
        Table(output, rows);
    }

    private static void Endpoints(TextWriter output, JsonElement config, TableFilter filter)
    {
        var rows = new List<string[]> { new[] { "ENDPOINT", "STATUS", "OUTLIER CHECK", "CLUSTER" } };
        foreach (var entry in Array(config, "endpoints"))
        {
            var cluster = Text(entry, "cluster");
            // Envoy's cluster name: direction|port|subset|host.
            var parts = cluster.Split('|');
            if (parts.Length != 4 || !filter.Admits(parts[3], parts[1], parts[2], parts[0])) continue;
            foreach (var endpoint in Array(entry, "endpoints"))
                rows.Add([$"{Text(endpoint, "address")}:{Text(endpoint, "port")}", "HEALTHY", "OK", cluster]);
        }
        Table(output, rows);
    }

    private static void Routes(TextWriter output, JsonElement config, TableFilter filter)
    {
        var rows = new List<string[]> { new[] { "NAME", "VHOST NAME", "DOMAINS", "MATCH", "VIRTUAL SERVICE" } };
        foreach (var table in Array(config, "routeTables"))
        {
            foreach (var vhost in Array(table, "virtualHosts"))
            {
                var name = Text(vhost, "name");
                var host = name.LastIndexOf(':') is var colon and > 0 ? name[..colon] : name;
                if (!filter.Admits(host, Text(table, "port"), filter.Subset ?? "")) continue;
                var domains = Array(vhost, "domains").Select(d => d.GetString() ?? "").ToList();
                var shown = domains.Count == 0 ? "-" : domains.Count == 1 ? domains[0] : $"{domains[0]} + {domains.Count - 1} more...";
                foreach (var route in Array(vhost, "routes"))
                {
                    var matches = Array(route, "matches").ToList();
                    var match = matches.Count == 0 ? "/*" : string.Join(",", matches.Select(Describe));
                    rows.Add([Text(table, "name"), Text(vhost, "name"), shown, match, Text(route, "virtualService") is { Length: > 0 } vs ? vs : "-"]);
                }
            }
        }
        Table(output, rows);
    }

    private static string Describe(JsonElement match) =>
        match.TryGetProperty("path", out var path) ? path.GetRawText().Trim('{', '}').Replace("\"", "", StringComparison.Ordinal) : "/*";

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText() : "";

    private static void Table(TextWriter output, List<string[]> rows)
    {
        TextTable.Write(output, rows);
        output.WriteLine();
    }
}
