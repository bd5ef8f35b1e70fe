using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Cli.Tests.Load;

/// <summary><c>sbctl x load</c> against a real server on loopback: a canary's v1/v2 mix, a header that picks v2, the report's shape.</summary>
public sealed class LoadCommandTests : IAsyncLifetime
{
    private WebApplication _server = null!;
    private int _count;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        // Every fourth request goes to "v2", unless the caller is a beta user: then always — as the canary's VirtualService would route.
        _server.Run(context =>
        {
            var n = Interlocked.Increment(ref _count);
            var v2 = context.Request.Headers["x-user-type"] == "beta" || n % 4 == 0;
            return context.Response.WriteAsync(v2 ? $"payment-service v2 pod-v2-{n % 2}\n" : $"payment-service v1 pod-v1-{n % 3}\n");
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Url => _server.Urls.First() + "/";

    private static long Count(string output, string key) =>
        long.Parse(Regex.Match(output, $@"^{Regex.Escape(key)}\s+(\d+)\s+[\d.]+%$", RegexOptions.Multiline).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_report_groups_answers_by_service_and_version_whatever_the_pod()
    {
        var run = CliRun.Of("x", "load", Url, "--rps", "200", "--duration", "1s");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("GET " + Url + " at 200 rps for 1.00s: 200 requests, at most 50 at once", run.Output);
        Assert.Matches(@"200 requests in [\d.]+s: [\d.]+ rps achieved \(target 200\)", run.Output);
        Assert.Equal(200, Count(run.Output, "200"));
        Assert.Equal(150, Count(run.Output, "payment-service v1"));
        Assert.Equal(50, Count(run.Output, "payment-service v2"));
        Assert.Contains("payment-service v1           150     75.0%", run.Output);
        Assert.DoesNotContain("pod-v1", run.Output);
        Assert.Matches(@"latency: p50 [\d.]+ms  p90 [\d.]+ms  p99 [\d.]+ms", run.Output);
    }

    [Fact]
    public void Headers_are_sent_with_every_request()
    {
        var run = CliRun.Of("x", "load", Url, "--rps", "50", "--duration", "400ms", "--header", "x-user-type: beta", "--method", "POST");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(20, Count(run.Output, "payment-service v2"));
        Assert.Contains("POST " + Url, run.Output);
    }

    [Fact]
    public void A_run_beyond_the_bounds_is_refused_before_sending_anything()
    {
        var run = CliRun.Of("x", "load", Url, "--rps", "10001", "--duration", "11m");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--rps 10001 must be from 1 to 10000", run.Error);
        Assert.Contains("--duration 11m must be from 1ms to 10m", run.Error);
        Assert.Equal(0, _count);
    }
}
