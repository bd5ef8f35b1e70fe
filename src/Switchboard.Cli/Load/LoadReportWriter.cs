using System.Globalization;
using Switchboard.Cli.Output;

namespace Switchboard.Cli.Load;

/// <summary>
/// A load run in text: what was planned, what was achieved, the mix of statuses and of responses (grouped by
/// <see cref="ResponseKey"/>: "service version") with counts and shares, and latency percentiles of answered requests.
/// </summary>
public static class LoadReportWriter
{
    /// <summary>The line printed when a run starts.</summary>
    public static void WritePlan(TextWriter output, LoadOptions options) =>
        output.WriteLine($"{options.Method} {options.Url} at {options.Rps} rps for {Seconds(options.Duration)}: {options.Requests} requests, at most {options.Concurrency} at once");

    public static void Write(TextWriter output, LoadReport report)
    {
        output.WriteLine($"{report.Completed} requests in {Seconds(report.Elapsed)}: {report.AchievedRps.ToString("0.0", CultureInfo.InvariantCulture)} rps achieved (target {report.Options.Rps})"
            + (report.Stopped ? $"; stopped before the end ({report.Options.Requests} planned)" : ""));
        output.WriteLine();
        Mix(output, "STATUS", report, report.Statuses);
        output.WriteLine();
        Mix(output, "RESPONSE (service version)", report, report.Responses);
        output.WriteLine();
        output.WriteLine(report.Latencies.Count == 0 ? "latency: no answered requests"
            : $"latency: p50 {Millis(report.Latency(50))}  p90 {Millis(report.Latency(90))}  p99 {Millis(report.Latency(99))}  (answered requests)");
    }

    private static void Mix(TextWriter output, string title, LoadReport report, IReadOnlyList<LoadRow> rows)
    {
        var table = new List<IReadOnlyList<string>> { new[] { title, "COUNT", "SHARE" } };
        table.AddRange(rows.Select(r => new[] { r.Key, r.Count.ToString(CultureInfo.InvariantCulture), (report.Share(r) * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" }));
        TextTable.Write(output, table);
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";

    private static string Millis(TimeSpan? value) => (value ?? TimeSpan.Zero).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + "ms";
}
