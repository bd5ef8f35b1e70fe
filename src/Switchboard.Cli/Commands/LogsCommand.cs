using System.CommandLine;
using Switchboard.Cli.Logs;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl logs [NAMESPACE/]POD [-c CONTAINER|proxy] [-f] [--state DIR]</c>: what a pod of <c>sbctl up</c> printed — its app
/// container's output, or with <c>-c proxy</c> its sidecar's (startup line and access log), from the run's state directory;
/// with <c>-f</c>, and then what it goes on printing (<see cref="LogFollower"/>).
/// </summary>
public static class LogsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var pod = new Argument<string>("pod") { Description = "POD or NAMESPACE/POD (as sbctl up prints it)" };
        var container = new Option<string?>("--container", "-c") { Description = "The container, or 'proxy' for the sidecar (default: the first container)" };
        var state = new Option<string>("--state") { Description = "The state directory of the run", DefaultValueFactory = _ => "/var/lib/switchboard" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing what is appended, until Ctrl-C (or the run's state is removed)" };
        var logs = new Command("logs", "Print a pod's container or sidecar output (sbctl up)") { pod, container, state, follow };
        logs.SetAction(async (parse, token) =>
        {
            var name = parse.GetValue(pod)!;
            var dir = Path.Combine(parse.GetValue(state)!, "pods", name.Contains('/') ? name[(name.IndexOf('/') + 1)..] : name);
            if (!Directory.Exists(dir))
            {
                error.WriteLine($"error: no pod {name} in {parse.GetValue(state)} (sbctl up prints the pod names)");
                return 1;
            }
            var wanted = parse.GetValue(container);
            var file = wanted == "proxy" ? Path.Combine(dir, "sidecar.log")
                : wanted is not null ? Path.Combine(dir, wanted + ".log")
                : Directory.GetFiles(dir, "*.log").Where(f => Path.GetFileName(f) != "sidecar.log").Order(StringComparer.Ordinal).FirstOrDefault();
            if (file is null || !File.Exists(file))
            {
                error.WriteLine($"error: no output for {wanted ?? "the app"} of {name}; containers: {string.Join(", ", Directory.GetFiles(dir, "*.log").Select(f => Path.GetFileNameWithoutExtension(f) == "sidecar" ? "proxy" : Path.GetFileNameWithoutExtension(f)))}");
                return 1;
            }
            if (parse.GetValue(follow)) await new LogFollower(TimeProvider.System, TimeSpan.FromMilliseconds(250)).FollowAsync(file, dir, output, token);
            else output.Write(await File.ReadAllTextAsync(file, token));
            return 0;
        });
        return logs;
    }
}
