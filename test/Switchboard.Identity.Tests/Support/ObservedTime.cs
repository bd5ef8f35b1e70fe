using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Switchboard.Identity.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created on it, so a test can wait until the code
/// under test is actually waiting (and read for how long) before it moves the clock.
/// </summary>
internal sealed class ObservedTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    /// <summary>Real-time bound on waiting for the code under test; only hit when a test is about to fail.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created (already created ones first).</summary>
    public Task<TimeSpan> NextTimerAsync() => _timers.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    /// <summary>Waits for the next timer and moves the clock exactly to it; returns its due time.</summary>
    public async Task<TimeSpan> AdvanceToNextTimerAsync()
    {
        var due = await NextTimerAsync();
        Advance(due);
        return due;
    }

    public bool HasPendingTimerReport => _timers.Reader.Count > 0;
}
