using System.CommandLine;
using System.Text.Json;
using Switchboard.Discovery;

using Switchboard.Cli.Output;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl proxy-status</c>: one row per connected proxy and, per resource type, whether the proxy holds what
/// the control plane last sent — istioctl's states: SYNCED, STALE (sent, not yet acknowledged), NOT SENT, and
/// NACKED with the proxy's error.
/// </summary>
public static class ProxyStatusCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var address = ControlPlaneClient.AddressOption();
        var command = new Command("proxy-status", "Show whether each proxy holds the config the control plane sent") { address };
        command.Aliases.Add("ps");
        command.SetAction(async (parse, _) =>
        {
            var (status, body) = await ControlPlaneClient.SendAsync(HttpMethod.Get, $"{ControlPlaneClient.Address(parse.GetValue(address))}/debug/syncz");
            if (status != 200)
            {
                error.WriteLine($"error: {body}");
                return 1;
            }
            using var doc = JsonDocument.Parse(body);
            var header = new List<string> { "NAME" };
            header.AddRange(ResourceTypes.PushOrder.Select(t => t.ToUpperInvariant()));
            header.Add("VERSION");
            var rows = new List<string[]> { header.ToArray() };
            var errors = new List<string>();
            foreach (var proxy in doc.RootElement.EnumerateArray())
            {
                var name = proxy.GetProperty("proxy").GetString()!;
                var types = proxy.GetProperty("types");
                var row = new List<string> { name };
                var version = "";
                foreach (var type in ResourceTypes.PushOrder)
                {
                    if (!types.TryGetProperty(type, out var state))
                    {
                        row.Add("NOT SENT");
                        continue;
                    }
                    var sent = state.GetProperty("sent").GetString();
                    var acked = state.TryGetProperty("acked", out var a) ? a.GetString() : null;
                    version = sent ?? version;
                    if (state.TryGetProperty("error", out var e))
                    {
                        row.Add("NACKED");
                        errors.Add($"{name} {type}: {e.GetString()}");
                    }
                    else row.Add(acked == sent ? "SYNCED" : "STALE");
                }
                row.Add(version);
                rows.Add([.. row]);
            }
            TextTable.Write(output, rows);
            foreach (var line in errors) output.WriteLine($"NACK {line}");
            return 0;
        });
        return command;
    }
}
