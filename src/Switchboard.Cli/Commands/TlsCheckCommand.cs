using System.CommandLine;
using Switchboard.Cli.Output;
using Switchboard.Cli.TlsCheck;
using Switchboard.Model;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl tls-check POD [SERVICE] [-f FILES]</c>, istioctl's <c>authn tls-check</c>: for every service port the pod's
/// proxy can reach (or those of SERVICE: a short name, <c>name.namespace</c> or an FQDN), the mTLS mode its servers
/// enforce, the TLS the pod sends, and CONFLICT where a handshake will fail. The rule:
/// CONFLICT when the server is STRICT and the client sends plain text (DISABLE, no sidecar on the pod, or AUTO facing a
/// namespace-wide DISABLE) or SIMPLE/MUTUAL; or when the client sends ISTIO_MUTUAL (explicitly, or AUTO facing a
/// workload-selected DISABLE it cannot see) to a server in DISABLE mode or without a sidecar.
/// AUTO to a workload without a sidecar is plain text and never conflicts: nothing there can demand mTLS.
/// Details in <see cref="TlsConflictRule"/>. POD is <c>NAMESPACE/NAME</c>, <c>NAME.NAMESPACE</c>, or <c>NAME</c> in
/// <c>default</c>. Exit code 0; 1 when the pod, or SERVICE, is unknown to the mesh or unreachable from the pod.
/// </summary>
public static class TlsCheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var pod = new Argument<string>("pod") { Description = "NAMESPACE/NAME or NAME.NAMESPACE" };
        var service = new Argument<string?>("service") { Description = "Only this service (short name, name.namespace or FQDN)", Arity = ArgumentArity.ZeroOrOne };
        var source = new ResourceSource();
        var command = new Command("tls-check", "Check the mTLS settings of a pod's calls: server mode, client mode, conflicts") { pod, service, source.Files, source.Address };
        command.SetAction(async (parse, _) =>
        {
            var (resources, problem) = await source.LoadAsync(parse);
            if (problem is not null)
            {
                error.WriteLine($"error: {problem}");
                return ExitCodes.Unknown;
            }
            var snapshot = MeshSnapshot.From(resources);
            var name = PodKey(parse.GetValue(pod)!);
            if (snapshot.FindWorkload(name) is not { } workload)
            {
                error.WriteLine($"error: no pod, deployment or workload entry {name} (give NAMESPACE/NAME)");
                return ExitCodes.Unknown;
            }
            var host = parse.GetValue(service) is { } s ? snapshot.ResolveHost(s, workload.Namespace) : null;
            var rows = TlsChecker.Rows(snapshot, workload, host);
            if (host is not null && rows.Count == 0)
            {
                error.WriteLine($"error: service {host} is not known to the mesh or not visible from {name}");
                return ExitCodes.Unknown;
            }
            TlsCheckTable.Write(output, rows);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>ns/name</c> from any accepted form (a namespace never contains a dot, so the last one separates).</summary>
    private static string PodKey(string pod)
    {
        if (pod.Contains('/')) return pod;
        var dot = pod.LastIndexOf('.');
        return dot > 0 ? $"{pod[(dot + 1)..]}/{pod[..dot]}" : $"default/{pod}";
    }
}
