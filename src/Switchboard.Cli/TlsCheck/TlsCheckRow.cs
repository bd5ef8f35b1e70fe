namespace Switchboard.Cli.TlsCheck;

/// <summary>One line of <c>sbctl tls-check</c>: a service port, what the pod sends it, and every workload behind it.</summary>
public sealed record TlsCheckRow(string Host, int Port, ClientTls Client, string? DestinationRule, IReadOnlyList<ServerSide> Servers)
{
    /// <summary>Some workload behind the port refuses what the client sends (<see cref="TlsConflictRule"/>).</summary>
    public bool Conflict => Servers.Any(s => TlsConflictRule.Conflicts(Client, s));
}
