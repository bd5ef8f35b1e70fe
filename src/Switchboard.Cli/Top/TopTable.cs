using System.Globalization;
using Switchboard.Cli.Output;

namespace Switchboard.Cli.Top;

/// <summary>
/// <c>sbctl x top</c>'s tables, one row per edge, busiest first: HTTP with SOURCE, DESTINATION, RPS, SUCCESS, P50, P95,
/// P99, MTLS ("-" where there is nothing to say: no requests in the interval, or no server-side report for mTLS); then,
/// when there is any, TCP with new connections per second, connections open, bytes per second each way, and MTLS.
/// </summary>
public static class TopTable
{
    public static void Write(TextWriter output, IReadOnlyList<TrafficEdge> edges, IReadOnlyList<TcpEdge>? tcp = null)
    {
        tcp ??= [];
        if (edges.Count == 0 && tcp.Count == 0)
        {
            output.WriteLine("no traffic reported by any proxy yet");
            return;
        }
        if (edges.Count > 0) WriteHttp(output, edges);
        if (tcp.Count == 0) return;
        if (edges.Count > 0) output.WriteLine();
        var rows = new List<IReadOnlyList<string>> { new[] { "TCP SOURCE", "DESTINATION", "CONN/S", "OPEN", "TO DEST/S", "FROM DEST/S", "MTLS" } };
        foreach (var e in tcp)
        {
            rows.Add([e.Source, e.Destination, e.ConnectionsPerSecond.ToString("F1", CultureInfo.InvariantCulture), e.Open.ToString("F0", CultureInfo.InvariantCulture),
                Bytes(e.BytesToDestinationPerSecond), Bytes(e.BytesFromDestinationPerSecond), Mtls(e.Mtls, e.MtlsShare)]);
        }
        TextTable.Write(output, rows);
    }

    private static void WriteHttp(TextWriter output, IReadOnlyList<TrafficEdge> edges)
    {
        var rows = new List<IReadOnlyList<string>> { new[] { "SOURCE", "DESTINATION", "RPS", "SUCCESS", "P50", "P95", "P99", "MTLS" } };
        foreach (var e in edges)
        {
            rows.Add([e.Source, e.Destination, e.RequestsPerSecond.ToString("F1", CultureInfo.InvariantCulture),
                e.SuccessRate is { } rate ? (rate * 100).ToString("F2", CultureInfo.InvariantCulture) + "%" : "-",
                Milliseconds(e.P50), Milliseconds(e.P95), Milliseconds(e.P99), Mtls(e.Mtls, e.MtlsShare)]);
        }
        TextTable.Write(output, rows);
    }

    private static string Milliseconds(double? value) =>
        value switch
        {
            null => "-",
            >= 100 => value.Value.ToString("F0", CultureInfo.InvariantCulture) + "ms",
            _ => value.Value.ToString("0.##", CultureInfo.InvariantCulture) + "ms",
        };

    private static string Mtls(MtlsState state, double share) =>
        state switch
        {
            MtlsState.All => "yes",
            MtlsState.None => "no",
            MtlsState.Partly => (share * 100).ToString("F0", CultureInfo.InvariantCulture) + "%",
            _ => "-",
        };

    /// <summary>A byte rate in binary units, as people read them (<c>512B</c>, <c>1.5KiB</c>, <c>12MiB</c>).</summary>
    private static string Bytes(double perSecond)
    {
        string[] units = ["B", "KiB", "MiB", "GiB"];
        var unit = 0;
        while (perSecond >= 1024 && unit < units.Length - 1)
        {
            perSecond /= 1024;
            unit++;
        }
        return (unit == 0 || perSecond >= 100 ? perSecond.ToString("F0", CultureInfo.InvariantCulture) : perSecond.ToString("0.#", CultureInfo.InvariantCulture)) + units[unit];
    }
}
