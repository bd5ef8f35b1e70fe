using Switchboard.Cli.Load;

namespace Switchboard.Cli.Tests.Load;

public sealed class RequestScheduleTests
{
    [Theory]
    [InlineData(20, 0, 0)]
    [InlineData(20, 1, 50)]
    [InlineData(20, 99, 4950)]
    [InlineData(3, 1, 333.3333)]
    [InlineData(3, 3, 1000)]
    [InlineData(10_000, 6_000_000 - 1, 599_999.9)]
    public void Request_i_is_due_at_i_over_rps(int rps, long index, double milliseconds) =>
        Assert.Equal(milliseconds, new RequestSchedule(rps, 6_000_000).DueAt(index).TotalMilliseconds, precision: 3);
}
