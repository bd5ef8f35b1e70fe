using System.CommandLine;
using Switchboard.Cli.Output;
using System.Text.Json;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl proxy-config cluster|endpoint|listener|route|all NAMESPACE/WORKLOAD [-o json]</c>: what one proxy actually holds,
/// read from its own admin endpoint (found through the control plane), in istioctl's columns. The seed's
/// silent-503 question — does the proxy have the subset's cluster, and does it have endpoints? — in one command.
/// </summary>
public static class ProxyConfigCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("proxy-config", "Show the config a proxy holds (from its admin endpoint)");
        command.Aliases.Add("pc");
        foreach (var (name, alias) in new[] { ("cluster", "clusters"), ("endpoint", "endpoints"), ("listener", "listeners"), ("route", "routes"), ("secret", "secrets"), ("all", "a") })
        {
            var proxy = new Argument<string>("proxy") { Description = "NAMESPACE/WORKLOAD, as proxy-status lists it" };
            var format = new Option<string?>("--output", "-o") { Description = "json for the raw ProxyConfig" };
            var fqdn = new Option<string?>("--fqdn") { Description = "Only clusters/endpoints of this host" };
            var subset = new Option<string?>("--subset") { Description = "Only clusters of this subset" };
            var port = new Option<int?>("--port") { Description = "Only this port" };
            var direction = new Option<string?>("--direction") { Description = "Only inbound or outbound" };
            var address = ControlPlaneClient.AddressOption();
            var sub = new Command(name, $"Show the proxy's {alias}") { proxy, format, fqdn, subset, port, direction, address };
            sub.Aliases.Add(alias);
            var view = name;
            sub.SetAction(async (parse, _) =>
            {
                var target = parse.GetValue(proxy)!;
                var controlPlane = ControlPlaneClient.Address(parse.GetValue(address));
                var (status, syncz) = await ControlPlaneClient.SendAsync(HttpMethod.Get, $"{controlPlane}/debug/syncz");
                if (status != 200)
                {
                    error.WriteLine($"error: {syncz}");
                    return 1;
                }
                var admin = AdminOf(syncz, target);
                if (admin is null)
                {
                    error.WriteLine($"error: proxy {target} is not connected to the control plane (see sbctl proxy-status)");
                    return 1;
                }
                if (view == "secret") return await SecretAsync(output, error, target, admin, parse.GetValue(format) == "json");
                var (dumpStatus, dump) = await ControlPlaneClient.AdminGetAsync(target, $"{admin.TrimEnd('/')}/config_dump");
                if (dumpStatus != 200)
                {
                    error.WriteLine($"error: cannot read {target}'s config from {admin}: {dump}");
                    return 1;
                }
                // What the proxy holds is the answer; what the control plane believes it sent is the check on it.
                var (sentStatus, sent) = await ControlPlaneClient.SendAsync(HttpMethod.Get, $"{controlPlane}/debug/config_dump?proxy={Uri.EscapeDataString(target)}");
                if (sentStatus == 200 && ConfigDifference.Describe(sent, dump) is { } difference)
                    error.WriteLine($"warning: {target} holds a config that differs from what the control plane sent: {difference}");
                if (parse.GetValue(format) == "json")
                {
                    output.WriteLine(dump);
                    return 0;
                }
                using var doc = JsonDocument.Parse(dump);
                ProxyConfigTables.Write(output, doc.RootElement, view, new TableFilter(parse.GetValue(fqdn), parse.GetValue(subset), parse.GetValue(port), parse.GetValue(direction)));
                return 0;
            });
            command.Subcommands.Add(sub);
        }
        return command;
    }

    /// <summary>The proxy's workload certificate, from its admin <c>/certs</c> (istioctl proxy-config secret).</summary>
    private static async Task<int> SecretAsync(TextWriter output, TextWriter error, string target, string admin, bool json)
    {
        var (status, body) = await ControlPlaneClient.AdminGetAsync(target, $"{admin.TrimEnd('/')}/certs");
        if (status != 200)
        {
            error.WriteLine($"error: cannot read {target}'s certificates from {admin}: {body}");
            return 1;
        }
        if (json) output.WriteLine(body);
        else
        {
            using var doc = JsonDocument.Parse(body);
            SecretTable.Write(output, doc.RootElement);
        }
        return 0;
    }

    private static string? AdminOf(string syncz, string proxy)
    {
        using var doc = JsonDocument.Parse(syncz);
        return doc.RootElement.EnumerateArray()
            .Where(p => p.GetProperty("proxy").GetString() == proxy)
            .Select(p => p.TryGetProperty("admin", out var a) ? a.GetString() : null)
            .FirstOrDefault(a => !string.IsNullOrEmpty(a));
    }
}
