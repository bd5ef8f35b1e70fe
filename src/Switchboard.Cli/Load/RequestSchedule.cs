namespace Switchboard.Cli.Load;

/// <summary>
/// When each request of a run is due: request <c>i</c> at <c>i / rps</c> seconds after the start. Due times are fixed in
/// advance (an open loop), so a slow answer delays no later request beyond its own slot: a sender that fell behind
/// catches up at once instead of drifting, and the achieved rate says whether the target could be kept.
/// </summary>
public sealed record RequestSchedule(int Rps, long Count)
{
    /// <summary>The offset from the start at which request <paramref name="index"/> (from 0) is due.</summary>
    public TimeSpan DueAt(long index) => TimeSpan.FromTicks((long)(index * (decimal)TimeSpan.TicksPerSecond / Rps));
}
