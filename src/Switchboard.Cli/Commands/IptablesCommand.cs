using System.CommandLine;
using Switchboard.Runtime.Capture;
using Switchboard.Runtime.Processes;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl iptables [--dry-run] [--netns NAME] [--annotations k=v,...] [--proxy-uid 1337] ...</c>: the sidecar capture rules
/// istio-init would write for a pod with those annotations, printed (dry run) or installed in a network namespace.
/// </summary>
public static class IptablesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the commands and rules instead of running them" };
        var netns = new Option<string?>("--netns") { Description = "Network namespace to install the rules in (ip netns exec NAME)" };
        var current = new Option<bool>("--current-netns") { Description = "Install into this process's own network namespace, as istio-init does inside a pod" };
        var annotations = new Option<string[]>("--annotations", "-a")
        {
            Description = "Pod annotations, key=value,... (traffic.sidecar.istio.io/ may be left out); repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var uid = new Option<int>("--proxy-uid") { Description = "UID of the proxy, whose traffic is never captured", DefaultValueFactory = _ => ProxyPorts.ProxyUid };
        var gid = new Option<int>("--proxy-gid") { Description = "GID of the proxy, whose traffic is never captured", DefaultValueFactory = _ => ProxyPorts.ProxyUid };
        var inbound = new Option<int>("--inbound-port") { Description = "Port of the proxy's inbound listener", DefaultValueFactory = _ => ProxyPorts.InboundCapture };
        var outbound = new Option<int>("--outbound-port") { Description = "Port of the proxy's outbound listener", DefaultValueFactory = _ => ProxyPorts.OutboundCapture };
        var ipv6 = new Option<bool>("--ipv6") { Description = "Also write ip6tables rules" };

        var command = new Command("iptables", "Print or install the sidecar's traffic capture rules (Istio's ISTIO_* nat chains)")
        {
            dryRun, netns, current, annotations, uid, gid, inbound, outbound, ipv6,
        };
        command.SetAction(async (parse, token) =>
        {
            CaptureOptions options;
            try
            {
                var defaults = new CaptureOptions
                {
                    ProxyUid = parse.GetValue(uid),
                    ProxyGid = parse.GetValue(gid),
                    InboundCapturePort = parse.GetValue(inbound),
                    OutboundCapturePort = parse.GetValue(outbound),
                    EnableIPv6 = parse.GetValue(ipv6),
                };
                options = CaptureOptions.FromAnnotations(AnnotationList.Parse(parse.GetValue(annotations) ?? []), defaults);
                if (options.Validate() is { Count: > 0 } problems) throw new FormatException(string.Join(Environment.NewLine, problems));
            }
            catch (FormatException e)
            {
                foreach (var line in e.Message.Split(Environment.NewLine)) error.WriteLine($"Error: {line}");
                return ExitCodes.Usage;
            }
            var ns = parse.GetValue(netns);
            var dry = parse.GetValue(dryRun);
            // Capturing the caller's own namespace on a workstation would send all of its TCP to a proxy that is not there.
            if (!dry && ns is null && !parse.GetValue(current))
            {
                error.WriteLine("Error: give --netns NAME (or --current-netns inside a pod's namespace), or --dry-run to print the rules");
                return ExitCodes.Usage;
            }
            try
            {
                var commands = await new CaptureRunner(new ProcessRunner()).ApplyAsync(options, ns, dry, token);
                if (dry) foreach (var c in commands) output.WriteLine(c);
                else output.WriteLine($"capture rules installed in network namespace {ns ?? "(current)"}");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is ProcessFailedException or ArgumentException)
            {
                error.WriteLine($"Error: {e.Message}");
                if (!Environment.IsPrivilegedProcess) error.WriteLine("Installing capture rules needs root (CAP_NET_ADMIN); --dry-run prints them instead.");
                return ExitCodes.Unknown;
            }
        });
        return command;
    }
}
