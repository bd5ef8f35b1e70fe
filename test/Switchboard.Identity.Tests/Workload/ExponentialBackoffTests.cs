using Switchboard.Identity.Workload;

namespace Switchboard.Identity.Tests.Workload;

/// <summary>100 ms doubling to 30 s, each delay in the upper half of its nominal value.</summary>
public sealed class ExponentialBackoffTests
{
    [Fact]
    public void Doubles_from_100_ms_to_a_30_s_cap()
    {
        var backoff = new ExponentialBackoff(() => 0.999999);

        var delays = Enumerable.Range(0, 12).Select(_ => Math.Round(backoff.Next().TotalMilliseconds)).ToList();

        Assert.Equal([100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000], delays);
    }

    [Fact]
    public void Jitter_stays_in_the_upper_half_so_delays_never_shrink_before_the_cap()
    {
        var random = new Random(7);
        var backoff = new ExponentialBackoff(random.NextDouble);
        var nominal = 100.0;
        var previous = TimeSpan.Zero;

        for (var i = 0; i < 9; i++, nominal *= 2)
        {
            var delay = backoff.Next();
            Assert.InRange(delay.TotalMilliseconds, nominal / 2, nominal);
            Assert.True(delay >= previous);
            previous = delay;
        }
    }

    [Fact]
    public void Reset_starts_over()
    {
        var backoff = new ExponentialBackoff(() => 0.0);
        for (var i = 0; i < 5; i++) backoff.Next();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromMilliseconds(50), backoff.Next());
    }
}
