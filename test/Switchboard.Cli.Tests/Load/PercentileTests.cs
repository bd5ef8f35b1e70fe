using Switchboard.Cli.Load;

namespace Switchboard.Cli.Tests.Load;

public sealed class PercentileTests
{
    private static readonly TimeSpan[] Hundred = [.. Enumerable.Range(1, 100).Select(i => TimeSpan.FromMilliseconds(i))];

    [Theory]
    [InlineData(50, 50)]
    [InlineData(90, 90)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    [InlineData(0, 1)]
    public void Nearest_rank_over_a_hundred_samples(double percent, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Percentile.Of(Hundred, percent));

    [Fact]
    public void Few_samples_round_the_rank_up()
    {
        TimeSpan[] three = [TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(30)];
        Assert.Equal(TimeSpan.FromMilliseconds(2), Percentile.Of(three, 50));
        Assert.Equal(TimeSpan.FromMilliseconds(30), Percentile.Of(three, 90));
    }

    [Fact]
    public void No_samples_no_percentile() => Assert.Null(Percentile.Of([], 50));
}
