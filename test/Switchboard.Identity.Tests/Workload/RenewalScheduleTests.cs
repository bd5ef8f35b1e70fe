using Switchboard.Identity.Workload;

namespace Switchboard.Identity.Tests.Workload;

/// <summary>Renewal at half-life, jittered by ±1% of the lifetime (Istio's 0.5 ± 0.01): 12 h ± 14.4 min for 24 h.</summary>
public sealed class RenewalScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddHours(24);

    [Theory]
    [InlineData(0.5, 12 * 60)]
    [InlineData(0.0, 12 * 60 + 14.4)] // ratio 0.49: renew when 49% of the lifetime is left
    [InlineData(1.0, 12 * 60 - 14.4)] // ratio 0.51
    [InlineData(0.75, 12 * 60 - 7.2)]
    public void Renews_at_half_life_plus_jitter(double random, double minutesAfterStart)
    {
        var at = RenewalSchedule.RenewAt(Start, End, () => random);

        Assert.Equal(minutesAfterStart, (at - Start).TotalMinutes, precision: 6);
    }

    [Fact]
    public void A_thousand_proxies_spread_over_about_half_an_hour()
    {
        var random = new Random(42);
        var times = Enumerable.Range(0, 1000).Select(_ => RenewalSchedule.RenewAt(Start, End, random.NextDouble)).ToList();

        var spread = times.Max() - times.Min();
        Assert.InRange(spread.TotalMinutes, 27, 28.8);
        Assert.All(times, t => Assert.InRange(t, Start.AddHours(12).AddMinutes(-14.4), Start.AddHours(12).AddMinutes(14.4)));
    }

    [Fact]
    public void Delay_is_zero_once_due()
    {
        Assert.Equal(TimeSpan.FromHours(1), RenewalSchedule.Delay(Start.AddHours(1), Start));
        Assert.Equal(TimeSpan.Zero, RenewalSchedule.Delay(Start, Start.AddHours(1)));
    }
}
