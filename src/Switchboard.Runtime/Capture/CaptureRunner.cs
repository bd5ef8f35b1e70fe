using System.Text.RegularExpressions;
using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Capture;

/// <summary>
/// Installs <see cref="CaptureRules"/> in a network namespace (<c>ip netns exec NS iptables-restore --noflush</c>, rules on stdin),
/// or with <c>dryRun</c> only returns the commands it would run. Dry run and real run share <see cref="Plan"/>, so what a dry run
/// prints is exactly what a real run executes.
/// </summary>
public sealed partial class CaptureRunner(IProcessRunner processes)
{
    /// <summary>
    /// The commands that install the rules: iptables-restore, and ip6tables-restore when IPv6 is on. <c>--noflush</c> keeps
    /// whatever else the namespace's nat table holds; the ISTIO_* chains are declared, so they are (re)created empty, but the
    /// jumps from PREROUTING and OUTPUT are appended, so applying twice to one namespace duplicates those two jumps.
    /// Without <paramref name="networkNamespace"/> the rules go into the caller's own namespace, as istio-init does inside a pod.
    /// </summary>
    public static IReadOnlyList<ProcessCommand> Plan(CaptureOptions options, string? networkNamespace)
    {
        if (networkNamespace is not null && !ValidNamespace().IsMatch(networkNamespace))
            throw new ArgumentException($"'{networkNamespace}' is not a network namespace name (letters, digits, '.', '_', '-'; not starting with '-')", nameof(networkNamespace));
        var commands = new List<ProcessCommand> { Command("iptables-restore", CaptureRules.Build(options), networkNamespace) };
        if (options.EnableIPv6) commands.Add(Command("ip6tables-restore", CaptureRules.BuildIPv6(options), networkNamespace));
        return commands;
    }

    /// <summary>Runs the <see cref="Plan"/> (unless <paramref name="dryRun"/>) and returns it; throws <see cref="ProcessFailedException"/> on the first failure.</summary>
    public async Task<IReadOnlyList<ProcessCommand>> ApplyAsync(CaptureOptions options, string? networkNamespace, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var plan = Plan(options, networkNamespace);
        if (dryRun) return plan;
        foreach (var command in plan)
            (await processes.RunAsync(command, cancellationToken)).EnsureSuccess();
        return plan;
    }

    private static ProcessCommand Command(string restore, IReadOnlyList<string> rules, string? networkNamespace)
    {
        var stdin = string.Join('\n', rules) + "\n";
        return networkNamespace is null
            ? new ProcessCommand(restore, ["--noflush"], stdin)
            : new ProcessCommand("ip", ["netns", "exec", networkNamespace, restore, "--noflush"], stdin);
    }

    // What `ip netns add` accepts in practice, minus a leading '-' that `ip netns exec` would read as an option.
    [GeneratedRegex("^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}$")]
    private static partial Regex ValidNamespace();
}
