using System.CommandLine;
using System.Text.Json;
using Switchboard.Cli.Output;
using Switchboard.Config;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl get KIND [NAME] [-n NS | -A] [-o yaml|json|wide] [--show-labels]</c>: what the control plane holds, as kubectl
/// shows it. Pods are the ones <c>sbctl up</c> stored (status.podIP, spec.nodeName: this machine).
/// </summary>
public static class GetCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var kind = new Argument<string>("kind") { Description = "Kind, e.g. pods, svc, virtualservice (vs), destinationrule (dr), gateway (gw)" };
        var name = new Argument<string?>("name") { Arity = ArgumentArity.ZeroOrOne };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Namespace (default: default)" };
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "Every namespace" };
        var format = new Option<string?>("--output", "-o") { Description = "yaml, json, or wide (a table with more columns: a pod's IP and NODE)" };
        format.AcceptOnlyFromAmong("yaml", "json", "wide");
        var labels = new Option<bool>("--show-labels") { Description = "Add a LABELS column (k=v,k=v)" };
        var address = ControlPlaneClient.AddressOption();
        var command = new Command("get", "Show config held by the control plane") { kind, name, ns, all, format, labels, address };
        command.SetAction(async (parse, _) =>
        {
            var kindName = parse.GetValue(kind)!;
            var info = KindNames.Resolve(kindName);
            if (info is null)
            {
                error.WriteLine($"error: unknown kind \"{kindName}\"; known: {string.Join(", ", KindRegistry.All.Select(k => k.Kind.ToLowerInvariant()))}");
                return 64;
            }
            var query = $"kind={info.Kind}";
            var allNamespaces = parse.GetValue(all);
            if (!allNamespaces && info.Namespaced) query += $"&namespace={Uri.EscapeDataString(parse.GetValue(ns) ?? "default")}";
            if (parse.GetValue(name) is { } n) query += $"&name={Uri.EscapeDataString(n)}";
            var (status, body) = await ControlPlaneClient.SendAsync(HttpMethod.Get, $"{ControlPlaneClient.Address(parse.GetValue(address))}/apis/resources?{query}");
            if (status != 200)
            {
                error.WriteLine($"error: {body}");
                return 1;
            }
            using var doc = JsonDocument.Parse(body);
            var items = doc.RootElement.EnumerateArray().ToList();
            if (items.Count == 0)
            {
                error.WriteLine(parse.GetValue(name) is { } missing ? $"Error from server (NotFound): {info.Kind.ToLowerInvariant()} \"{missing}\" not found" : "No resources found.");
                return parse.GetValue(name) is null ? 0 : 1;
            }
            switch (parse.GetValue(format))
            {
                case "yaml":
                    output.Write(string.Join("---\n", items.Select(i => i.GetProperty("yaml").GetString())));
                    break;
                case "json":
                    output.WriteLine(items.Count == 1 ? items[0].GetProperty("object").GetRawText()
                        : "[" + string.Join(",\n", items.Select(i => i.GetProperty("object").GetRawText())) + "]");
                    break;
                default:
                    ResourceTable.Write(output, info.Kind, items, new ResourceTable.Columns(allNamespaces && info.Namespaced, parse.GetValue(format) == "wide", parse.GetValue(labels)));
                    break;
            }
            return 0;
        });
        return command;
    }
}
