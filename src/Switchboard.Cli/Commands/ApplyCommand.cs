using System.CommandLine;
using Switchboard.Config.Loading;
using Switchboard.Config.Source;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl apply -f FILE|DIR</c> and <c>sbctl delete -f FILE|DIR</c>, as kubectl's. Every file is validated
/// here first, so an invalid file anywhere changes nothing at all; then each file goes to the control plane,
/// which validates again and persists before it answers.
/// </summary>
public static class ApplyCommand
{
    public static Command Create(string verb, TextWriter output, TextWriter error)
    {
        var files = new Option<string[]>("--filename", "-f") { Description = "Files or directories of YAML/JSON", Required = true, AllowMultipleArgumentsPerToken = true };
        var address = ControlPlaneClient.AddressOption();
        var command = new Command(verb, verb == "apply" ? "Apply config to the running control plane" : "Delete config from the running control plane") { files, address };
        command.SetAction(async (parse, _) =>
        {
            var paths = parse.GetValue(files) ?? [];
            var loaded = new ConfigLoader().Load(paths);
            var problems = loaded.Problems.Where(p => p.Kind is ProblemKind.Schema or ProblemKind.Unparseable).ToList();
            if (problems.Count > 0)
            {
                foreach (var p in problems) error.WriteLine($"error: {p.Location.File}:{p.Location.Line}: {(p.Resource is { } r ? r + ": " : "")}{p.Message}");
                error.WriteLine($"error: nothing was {(verb == "apply" ? "applied" : "deleted")}");
                return 1;
            }
            var url = $"{ControlPlaneClient.Address(parse.GetValue(address))}/apis/{verb}";
            var failed = false;
            foreach (var file in loaded.Files)
            {
                var (status, body) = await ControlPlaneClient.SendAsync(HttpMethod.Post, $"{url}?source={Uri.EscapeDataString(file)}", await File.ReadAllTextAsync(file));
                if (status == 0)
                {
                    error.WriteLine($"error: {body}");
                    return 1;
                }
                var (results, errors, warnings) = ControlPlaneClient.ParseResult(body);
                foreach (var line in results) output.WriteLine(line);
                foreach (var line in warnings) error.WriteLine(line);
                foreach (var line in errors) error.WriteLine($"error: {line}");
                failed |= errors.Count > 0;
            }
            return failed ? 1 : 0;
        });
        return command;
    }
}
