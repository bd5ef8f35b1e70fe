using System.CommandLine;
using System.Diagnostics;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Up;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl exec [NAMESPACE/]POD [--user UID] -- CMD...</c>: runs CMD inside a pod of <c>sbctl up</c> — its network
/// namespace and hosts file, as the app's user (not the proxy's), so its outbound traffic is captured by the sidecar:
/// <c>sbctl exec checkout-… -- curl -s http://payment-service:8080/</c> is a real in-mesh call, and
/// <c>sbctl exec checkout-… -- sbctl x load http://payment-service:8080/ --rps 20 --duration 5s</c> a load test from inside the mesh.
/// </summary>
public static class ExecCommand
{
    public static Command Create(TextWriter error)
    {
        var pod = new Argument<string>("pod") { Description = "POD or NAMESPACE/POD (as sbctl up prints it)" };
        var command = new Argument<string[]>("command") { Description = "The command and its arguments (after --)", Arity = ArgumentArity.OneOrMore };
        var user = new Option<int>("--user") { Description = "UID to run as (the app's; 1337 is the proxy's and would bypass capture)", DefaultValueFactory = _ => 1000 };
        var exec = new Command("exec", "Run a command inside a pod of sbctl up, as its app") { pod, command, user };
        exec.SetAction(async (parse, token) =>
        {
            var name = parse.GetValue(pod)!;
            var netns = PodNamespaces.Find(name);
            if (netns.Count != 1)
            {
                error.WriteLine(netns.Count == 0 ? $"error: no pod {name} is running (sbctl up prints the pod names)" : $"error: {name} names several pods: {string.Join(", ", netns)}");
                return 1;
            }
            // As the runtime starts the pod's app (PodProcess), and a bare "sbctl" is this sbctl (SbctlSelf): the load client runs in a pod.
            var run = PodProcess.Command(netns[0], parse.GetValue(user), SbctlSelf.Resolve(parse.GetValue(command)!, AppContext.BaseDirectory), new Dictionary<string, string>());
            var info = new ProcessStartInfo(run.FileName) { UseShellExecute = false };
            foreach (var argument in run.Arguments) info.ArgumentList.Add(argument);
            using var process = Process.Start(info)!;
            await process.WaitForExitAsync(token);
            return process.ExitCode;
        });
        return exec;
    }
}
