using System.Globalization;
using Switchboard.Cli.Output;

namespace Switchboard.Cli.Top;

/// <summary>
/// <c>sbctl x top</c>'s table, one row per edge, busiest first: SOURCE, DESTINATION, RPS, SUCCESS, P50, P95, P99, MTLS
/// ("-" where there is nothing to say: no requests in the interval, or no server-side report for mTLS).
/// </summary>
public static class TopTable
{
    public static void Write(TextWriter output, IReadOnlyList<TrafficEdge> edges)
    {
        if (edges.Count == 0)
        {
            output.WriteLine("no HTTP traffic reported by any proxy yet");
            return;
        }
        var rows = new List<IReadOnlyList<string>> { new[] { "SOURCE", "DESTINATION", "RPS", "SUCCESS", "P50", "P95", "P99", "MTLS" } };
        foreach (var e in edges)
        {
            rows.Add([e.Source, e.Destination, e.RequestsPerSecond.ToString("F1", CultureInfo.InvariantCulture),
                e.SuccessRate is { } rate ? (rate * 100).ToString("F2", CultureInfo.InvariantCulture) + "%" : "-",
                Milliseconds(e.P50), Milliseconds(e.P95), Milliseconds(e.P99), Mtls(e)]);
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

    private static string Mtls(TrafficEdge e) =>
        e.Mtls switch
        {
            MtlsState.All => "yes",
            MtlsState.None => "no",
            MtlsState.Partly => (e.MtlsShare * 100).ToString("F0", CultureInfo.InvariantCulture) + "%",
            _ => "-",
        };
}
