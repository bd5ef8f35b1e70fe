using System.CommandLine;
using System.Text.Json;
using Switchboard.Cli.Output;
using Switchboard.Config;
using Switchboard.Config.Loading;
using Switchboard.Model;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl x describe pod NAMESPACE/NAME [-f DIR]</c>: the mesh's view of one pod (a Pod, Deployment or
/// WorkloadEntry), from the running control plane or, with <c>-f</c>, from config files.
/// </summary>
public static class DescribeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var pod = new Argument<string>("pod") { Description = "NAMESPACE/NAME" };
        var files = new Option<string[]>("--filename", "-f") { Description = "Describe from these files instead of the control plane", AllowMultipleArgumentsPerToken = true };
        var address = ControlPlaneClient.AddressOption();
        var podCommand = new Command("pod", "Describe a pod's routing, subsets, policies and mTLS mode") { pod, files, address };
        podCommand.SetAction(async (parse, _) =>
        {
            IReadOnlyList<Resource> resources;
            if (parse.GetValue(files) is { Length: > 0 } paths) resources = new ConfigLoader().Load(paths).Resources;
            else
            {
                var (status, body) = await ControlPlaneClient.SendAsync(HttpMethod.Get, $"{ControlPlaneClient.Address(parse.GetValue(address))}/apis/resources");
                if (status != 200)
                {
                    error.WriteLine($"error: {body}");
                    return 1;
                }
                using var doc = JsonDocument.Parse(body);
                var yaml = string.Join("\n---\n", doc.RootElement.EnumerateArray().Select(r => r.GetProperty("yaml").GetString()));
                resources = new ConfigLoader().LoadText(yaml, "control-plane").Resources;
            }
            var snapshot = MeshSnapshot.From(resources);
            var name = parse.GetValue(pod)!;
            if (snapshot.FindWorkload(name) is not { } workload)
            {
                error.WriteLine($"error: no pod, deployment or workload entry {name} (give NAMESPACE/NAME)");
                return 1;
            }
            PodDescription.Write(output, snapshot, resources, workload);
            return 0;
        });
        var describe = new Command("describe", "Describe a resource as the mesh sees it") { podCommand };
        var experimental = new Command("x", "Experimental commands (as istioctl x)") { describe, TokenCommand.Create(output, error), JwtCommand.Create(output, error), SampleAppCommand.Create(output, error), LoadCommand.Create(output, error), TopCommand.Create(output, error), CertCommand.Create(output, error) };
        experimental.Aliases.Add("experimental");
        return experimental;
    }
}
