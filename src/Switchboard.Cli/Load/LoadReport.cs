namespace Switchboard.Cli.Load;

/// <summary>One row of a report's mix: a status or a response key, and how many requests had it.</summary>
public sealed record LoadRow(string Key, long Count);

/// <summary>
/// What a load run did: how many requests completed in how long (so the achieved rate), the mix of statuses and of
/// responses, and the answered requests' latencies (ascending) for percentiles. <see cref="Stopped"/> when it was
/// interrupted before sending them all.
/// </summary>
public sealed record LoadReport(LoadOptions Options, long Completed, TimeSpan Elapsed, bool Stopped,
    IReadOnlyList<LoadRow> Statuses, IReadOnlyList<LoadRow> Responses, IReadOnlyList<TimeSpan> Latencies)
{
    /// <summary>Completed requests per second of the run: from the first send to the end of the schedule or the last answer, whichever is later.</summary>
    public double AchievedRps => Elapsed > TimeSpan.Zero ? Completed / Elapsed.TotalSeconds : 0;

    /// <summary>The share of completed requests a row stands for, from 0 to 1.</summary>
    public double Share(LoadRow row) => Completed == 0 ? 0 : (double)row.Count / Completed;

    public TimeSpan? Latency(double percent) => Percentile.Of(Latencies, percent);
}
