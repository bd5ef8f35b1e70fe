using System.Threading.Channels;
using Switchboard.Identity.Tests.Support;
using Switchboard.Identity.Workload;

namespace Switchboard.Identity.Tests.Workload;

/// <summary>
/// The certificate lifecycle on a fake clock: renewal at half-life, backoff while the CA is away with the old
/// certificate still serving (security-and-reliability.md §H "CA outage"), one fetch at a time, clean stop.
/// Jitter is pinned to 0, so retry delays are exactly the lower bound: 50 ms, 100 ms, ... 15 s.
/// </summary>
public sealed class CertificateRotatorTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
    private readonly ObservedTime _time = new(Start);
    private readonly FakeCa _ca;
    private readonly CertificateRotator _rotator;
    private readonly Channel<CertificateRotatedEventArgs> _rotations = Channel.CreateUnbounded<CertificateRotatedEventArgs>();

    public CertificateRotatorTests()
    {
        _ca = new FakeCa(_time);
        _rotator = new CertificateRotator(_ca.FetchAsync, _time, random: () => 0.0);
        _rotator.Rotated += (_, e) => _rotations.Writer.TryWrite(e);
    }

    public ValueTask DisposeAsync() => _rotator.DisposeAsync();

    private Task<CertificateRotatedEventArgs> NextRotationAsync() => _rotations.Reader.ReadAsync().AsTask().WaitAsync(ObservedTime.Patience);

    [Fact]
    public async Task Renews_at_half_life_and_raises_Rotated()
    {
        await _rotator.StartAsync(CancellationToken.None);
        var first = _rotator.Current;

        Assert.Same(_ca.Issued[0], first);
        Assert.Equal(TimeSpan.FromHours(12), await _time.NextTimerAsync());
        _time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        Assert.Equal(1, _ca.Calls);

        _time.Advance(TimeSpan.FromSeconds(1));
        var rotated = await NextRotationAsync();

        Assert.Equal(2, _ca.Calls);
        Assert.Same(first, rotated.Previous);
        Assert.Same(_ca.Issued[1], rotated.Current);
        Assert.Same(_ca.Issued[1], _rotator.Current);
        Assert.False(_rotator.IsExpired);
        // The next renewal is half of the new certificate's life away.
        Assert.Equal(TimeSpan.FromHours(12), await _time.NextTimerAsync());
    }

    [Fact]
    public async Task Start_retries_the_first_fetch_with_growing_delays()
    {
        _ca.Fails = call => call <= 4;

        var start = _rotator.StartAsync(CancellationToken.None);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 4; i++) delays.Add(await _time.AdvanceToNextTimerAsync());
        await start.WaitAsync(ObservedTime.Patience);

        Assert.Equal([50, 100, 200, 400], delays.Select(d => d.TotalMilliseconds));
        Assert.Equal(5, _ca.Calls);
        Assert.Same(_ca.Issued[0], _rotator.Current);
    }

    [Fact]
    public async Task A_failing_renewal_is_retried_with_growing_delays_while_the_old_certificate_serves()
    {
        _ca.Fails = call => call is >= 2 and <= 6;
        await _rotator.StartAsync(CancellationToken.None);
        var first = _rotator.Current;
        await _time.AdvanceToNextTimerAsync(); // the 12 h renewal wait

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            delays.Add(await _time.NextTimerAsync());
            Assert.Same(first, _rotator.Current);
            Assert.False(_rotator.IsExpired);
            _time.Advance(delays[^1]);
        }
        var rotated = await NextRotationAsync();

        Assert.Equal([50, 100, 200, 400, 800], delays.Select(d => d.TotalMilliseconds));
        Assert.Equal(7, _ca.Calls);
        Assert.Same(first, rotated.Previous);
        Assert.Same(_ca.Issued[1], _rotator.Current);
        // Success resets the backoff: the wait is the new certificate's half-life, and a later failure starts at 50 ms again.
        Assert.Equal(_ca.Issued[1].RenewAt - _time.GetUtcNow(), await _time.NextTimerAsync());
        _ca.Fails = call => call == 8;
        _time.Advance(TimeSpan.FromHours(12));
        Assert.Equal(TimeSpan.FromMilliseconds(50), await _time.NextTimerAsync());
    }

    [Fact]
    public async Task After_expiry_the_old_certificate_is_still_current_marked_expired_and_retries_continue_capped()
    {
        _ca.Lifetime = TimeSpan.FromMinutes(2);
        _ca.Fails = call => call > 1;
        await _rotator.StartAsync(CancellationToken.None);
        var first = _rotator.Current;
        Assert.Equal(TimeSpan.FromMinutes(1), await _time.AdvanceToNextTimerAsync());

        var delays = new List<TimeSpan>();
        while (_time.GetUtcNow() < first.NotAfter + TimeSpan.FromMinutes(1)) delays.Add(await _time.AdvanceToNextTimerAsync());
        var pending = await _time.NextTimerAsync(); // the attempt after the last advance has failed too

        Assert.Same(first, _rotator.Current);
        Assert.True(_rotator.IsExpired);
        Assert.Equal([50, 100, 200, 400, 800, 1600, 3200, 6400, 12800], delays.Take(9).Select(d => d.TotalMilliseconds));
        Assert.All(delays.Skip(9), d => Assert.Equal(TimeSpan.FromSeconds(15), d)); // 30 s cap, lower half
        Assert.Equal(TimeSpan.FromSeconds(15), pending);
        Assert.Equal(1 + 1 + delays.Count, _ca.Calls); // start, first renewal attempt, one retry per delay

        // The CA comes back: the expired certificate is replaced at the next attempt.
        _ca.Fails = _ => false;
        _time.Advance(pending);
        await NextRotationAsync();
        Assert.False(_rotator.IsExpired);
    }

    [Fact]
    public async Task A_certificate_already_due_on_arrival_does_not_make_a_busy_loop()
    {
        await _rotator.StartAsync(CancellationToken.None);
        await _time.AdvanceToNextTimerAsync();
        await NextRotationAsync();
        // From now on the CA hands out certificates that are due for renewal at once.
        _ca.Lifetime = TimeSpan.Zero;
        await _time.AdvanceToNextTimerAsync();
        await NextRotationAsync();

        Assert.Equal(TimeSpan.FromMilliseconds(50), await _time.NextTimerAsync());
        Assert.Equal(3, _ca.Calls);
    }

    [Fact]
    public async Task Never_two_fetches_at_once()
    {
        await _rotator.StartAsync(CancellationToken.None);
        _ca.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.Equal(1, await _ca.NextCallAsync());

        await _time.AdvanceToNextTimerAsync();
        Assert.Equal(2, await _ca.NextCallAsync());
        // A renewal that hangs for two days of clock time: nothing else is started meanwhile.
        _time.Advance(TimeSpan.FromDays(2));
        Assert.False(_time.HasPendingTimerReport);
        Assert.Equal(2, _ca.Calls);

        _ca.Hold.SetResult();
        await NextRotationAsync();
        Assert.Equal(1, _ca.MaxInFlight);
    }

    [Fact]
    public async Task Cancelling_start_stops_the_retries()
    {
        _ca.Fails = _ => true;
        using var cancel = new CancellationTokenSource();

        var start = _rotator.StartAsync(cancel.Token);
        await _time.AdvanceToNextTimerAsync();
        await _time.NextTimerAsync();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start);
        var calls = _ca.Calls;
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(calls, _ca.Calls);
        Assert.Throws<InvalidOperationException>(() => _rotator.Current);
    }

    [Fact]
    public async Task Dispose_stops_the_renewal_loop_and_leaves_Current_readable()
    {
        await _rotator.StartAsync(CancellationToken.None);
        await _time.NextTimerAsync();

        await _rotator.DisposeAsync();
        _time.Advance(TimeSpan.FromDays(2));

        Assert.Equal(1, _ca.Calls);
        Assert.Same(_ca.Issued[0], _rotator.Current);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _rotator.StartAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Dispose_cancels_a_fetch_in_flight()
    {
        await _rotator.StartAsync(CancellationToken.None);
        _ca.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _ca.NextCallAsync();
        await _time.AdvanceToNextTimerAsync();
        await _ca.NextCallAsync();

        await _rotator.DisposeAsync().AsTask().WaitAsync(ObservedTime.Patience);

        Assert.Equal(2, _ca.Calls);
        Assert.Same(_ca.Issued[0], _rotator.Current);
    }

    [Fact]
    public async Task A_throwing_Rotated_handler_does_not_stop_renewal()
    {
        _rotator.Rotated += (_, _) => throw new InvalidOperationException("subscriber bug");
        await _rotator.StartAsync(CancellationToken.None);

        await _time.AdvanceToNextTimerAsync();
        await NextRotationAsync();
        await _time.AdvanceToNextTimerAsync();
        await NextRotationAsync();

        Assert.Same(_ca.Issued[2], _rotator.Current);
    }

    [Fact]
    public async Task Start_is_called_once_and_Current_needs_it()
    {
        Assert.Throws<InvalidOperationException>(() => _rotator.Current);
        await _rotator.StartAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _rotator.StartAsync(CancellationToken.None));
        Assert.Equal(1, _ca.Calls);
    }
}
