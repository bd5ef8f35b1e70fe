using Switchboard.Cli.TlsCheck;
using Switchboard.Config.Security;

namespace Switchboard.Cli.Output;

/// <summary>
/// istioctl's <c>authn tls-check</c> table: <c>HOST:PORT  STATUS  SERVER  CLIENT  AUTHN POLICY  DESTINATION RULE</c>.
/// SERVER lists each distinct mode behind the port (<c>STRICT|PERMISSIVE</c>; <c>-</c>: no sidecar, plain text;
/// <c>NONE</c>: no workload at all); CLIENT is the DestinationRule's mode, <c>AUTO</c> or <c>-</c> (the pod has no sidecar);
/// AUTHN POLICY the PeerAuthentications that decided the servers' modes (<c>-</c>: Istio's default or no sidecar).
/// </summary>
public static class TlsCheckTable
{
    public static void Write(TextWriter output, IReadOnlyList<TlsCheckRow> rows)
    {
        var cells = new List<string[]> { new[] { "HOST:PORT", "STATUS", "SERVER", "CLIENT", "AUTHN POLICY", "DESTINATION RULE" } };
        cells.AddRange(rows.Select(r => new[]
        {
            $"{r.Host}:{r.Port}", r.Conflict ? "CONFLICT" : "OK", Server(r.Servers), Client(r.Client), Policies(r.Servers), r.DestinationRule ?? "-",
        }));
        TextTable.Write(output, cells, gap: 2);
    }

    private static string Server(IReadOnlyList<ServerSide> servers) => servers.Count == 0
        ? "NONE"
        : string.Join("|", servers.OrderBy(s => s.HasSidecar ? Rank(s.Mtls.Mode) : int.MaxValue).Select(s => s.Display).Distinct());

    // Strictest first, as a reader scans for what refuses traffic.
    private static int Rank(MtlsMode mode) => mode switch { MtlsMode.Strict => 0, MtlsMode.Permissive => 1, _ => 2 };

    private static string Policies(IReadOnlyList<ServerSide> servers)
    {
        var names = servers.Where(s => s.HasSidecar).Select(s => s.Mtls.Policy).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? "-" : string.Join(",", names);
    }

    private static string Client(ClientTls client) => client switch
    {
        ClientTls.NoProxy => "-",
        ClientTls.IstioMutual => "ISTIO_MUTUAL",
        _ => client.ToString().ToUpperInvariant(),
    };
}
