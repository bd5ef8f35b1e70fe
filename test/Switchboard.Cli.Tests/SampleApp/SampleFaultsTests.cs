using Switchboard.Cli.SampleApp;

namespace Switchboard.Cli.Tests.SampleApp;

public sealed class SampleFaultsTests
{
    /// <summary>A random source that always draws the same number: the decision is then exactly "draw &lt; rate".</summary>
    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }

    private static SampleFaults Faults(double rate, Random random, int code = 503) => new(new SampleAppSettings("api", "v1", "", rate, code, TimeSpan.Zero), random);

    [Theory]
    [InlineData(0.10, 0.2, 503)]
    [InlineData(0.19999, 0.2, 503)]
    [InlineData(0.20, 0.2, null)]
    [InlineData(0.90, 0.2, null)]
    [InlineData(0.00, 0.0, null)]
    [InlineData(0.99999, 1.0, 503)]
    public void A_request_fails_when_the_draw_is_below_the_rate(double draw, double rate, int? expected) =>
        Assert.Equal(expected, Faults(rate, new FixedRandom(draw)).ErrorFor());

    [Fact]
    public void The_share_of_failures_follows_the_rate()
    {
        var faults = Faults(0.05, new Random(1234), code: 500);
        var failed = Enumerable.Range(0, 20_000).Count(_ => faults.ErrorFor() == 500);
        // Binomial(20000, 0.05): mean 1000, sd ~31; a seeded source makes it exact, the bound says what is right.
        Assert.InRange(failed, 1000 - 150, 1000 + 150);
    }

    [Fact]
    public void Concurrent_requests_share_one_source_safely()
    {
        var faults = Faults(0.5, new Random(7));
        var failed = 0;
        Parallel.For(0, 40_000, _ => { if (faults.ErrorFor() is not null) Interlocked.Increment(ref failed); });
        // An unsynchronized Random corrupted by racing callers degenerates to returning 0 (every request would fail).
        Assert.InRange(failed, 20_000 - 1_000, 20_000 + 1_000);
    }
}
