using Switchboard.Cli.Top;

namespace Switchboard.Cli.Tests.Top;

/// <summary>
/// PromQL's histogram_quantile on fixed buckets, worked by hand: linear interpolation inside the bucket that reaches
/// the rank (from 0 in the first), the highest finite bound for a rank in +Inf, NaN without +Inf or observations.
/// </summary>
public sealed class HistogramQuantileTests
{
    // Istio-like buckets: 10 observations in (1, 5], 10 in (5, 10], none above.
    private static readonly CumulativeBucket[] Twenty = [new(0.5, 0), new(1, 0), new(5, 10), new(10, 20), new(25, 20), new(double.PositiveInfinity, 20)];

    [Theory]
    [InlineData(0.50, 5.0)]   // rank 10: the top of (1, 5]
    [InlineData(0.25, 3.0)]   // rank 5: halfway through (1, 5]
    [InlineData(0.95, 9.5)]   // rank 19: 9/10 of the way through (5, 10]
    [InlineData(0.99, 9.9)]   // rank 19.8
    [InlineData(1.00, 10.0)]
    public void Interpolates_inside_the_bucket_that_reaches_the_rank(double phi, double expected) =>
        Assert.Equal(expected, HistogramQuantile.Of(phi, Twenty), precision: 9);

    [Fact]
    public void The_order_buckets_arrive_in_does_not_matter() =>
        Assert.Equal(9.5, HistogramQuantile.Of(0.95, Twenty.Reverse()), precision: 9);

    [Fact]
    public void The_first_bucket_interpolates_from_zero() =>
        Assert.Equal(2.5, HistogramQuantile.Of(0.5, [new(5, 10), new(double.PositiveInfinity, 10)]), precision: 9);

    [Fact]
    public void A_rank_in_the_infinite_bucket_is_the_highest_finite_bound() =>
        Assert.Equal(1.0, HistogramQuantile.Of(0.9, [new(0.5, 2), new(1, 5), new(double.PositiveInfinity, 10)]));

    [Fact]
    public void Counts_caught_mid_update_are_made_monotonic_first() =>
        // (1:5, 2:4, +Inf:10) reads as (1:5, 2:5, +Inf:10): rank 5 is reached at le=1.
        Assert.Equal(1.0, HistogramQuantile.Of(0.5, [new(1, 5), new(2, 4), new(double.PositiveInfinity, 10)]), precision: 9);

    [Fact]
    public void No_answer_without_an_infinite_bucket_or_without_observations()
    {
        Assert.True(double.IsNaN(HistogramQuantile.Of(0.5, [new(1, 5), new(2, 10)])));
        Assert.True(double.IsNaN(HistogramQuantile.Of(0.5, [new(1, 0), new(double.PositiveInfinity, 0)])));
        Assert.True(double.IsNaN(HistogramQuantile.Of(0.5, [new(double.PositiveInfinity, 3)])));
    }

    [Fact]
    public void Quantiles_outside_zero_to_one_are_infinite_as_in_PromQL()
    {
        Assert.Equal(double.NegativeInfinity, HistogramQuantile.Of(-0.1, Twenty));
        Assert.Equal(double.PositiveInfinity, HistogramQuantile.Of(1.1, Twenty));
    }
}
