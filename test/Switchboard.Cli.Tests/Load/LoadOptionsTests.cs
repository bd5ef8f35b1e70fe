using Switchboard.Cli.Load;

namespace Switchboard.Cli.Tests.Load;

public sealed class LoadOptionsTests
{
    private static (LoadOptions? Options, IReadOnlyList<string> Errors) Parse(string url = "http://api.demo:8080/", int rps = 20, string duration = "5s",
        string[]? headers = null, string method = "GET", int concurrency = 50, string timeout = "10s") =>
        LoadOptions.Parse(url, rps, duration, headers ?? [], method, concurrency, timeout);

    [Fact]
    public void A_valid_run_plans_rate_times_duration_requests()
    {
        var (options, errors) = Parse(headers: ["x-user-type: beta", "x-request-id:abc:def"], method: "post");
        Assert.Empty(errors);
        Assert.Equal(100, options!.Requests);
        Assert.Equal(HttpMethod.Post, options.Method);
        Assert.Equal([new("x-user-type", "beta"), new("x-request-id", "abc:def")], options.Headers);
    }

    [Theory]
    [InlineData(10_000, "10m", true)]
    [InlineData(10_001, "1s", false)]
    [InlineData(0, "1s", false)]
    [InlineData(1, "10m1s", false)]
    [InlineData(1, "0s", false)]
    public void Rate_and_duration_are_bounded(int rps, string duration, bool accepted) =>
        Assert.Equal(accepted, Parse(rps: rps, duration: duration).Options is not null);

    [Fact]
    public void Every_bad_option_is_reported()
    {
        var (options, errors) = Parse("ftp://x", 20_000, "forever", ["no-colon", ": empty name"], "GE T", 0, "2h");
        Assert.Null(options);
        Assert.Equal(8, errors.Count);
    }

    [Fact]
    public void A_short_run_sends_at_least_one_request() =>
        Assert.Equal(1, Parse(rps: 1, duration: "100ms").Options!.Requests);
}
