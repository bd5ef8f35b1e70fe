using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Cli.Load;

namespace Switchboard.Cli.Tests.Load;

/// <summary>The runner on a fake clock (when requests go out, timeouts, the concurrency bound, Ctrl-C) and on a real refused connection.</summary>
public sealed class LoadRunnerTests
{
    /// <summary>An upstream that answers from a function and keeps when (on the fake clock) each request arrived and how many were in flight at most.</summary>
    private sealed class Upstream(TimeProvider time, Func<int, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        private int _count;
        private int _inFlight;
        private readonly long _start = time.GetTimestamp();

        public List<TimeSpan> Arrivals { get; } = [];
        public int MaxInFlight { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int n;
            lock (Arrivals)
            {
                Arrivals.Add(time.GetElapsedTime(_start));
                n = _count++;
                MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
            }
            try
            {
                return await answer(n, cancellationToken);
            }
            finally
            {
                lock (Arrivals) _inFlight--;
            }
        }
    }

    private static Task<HttpResponseMessage> Answer(HttpStatusCode status, string body) =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });

    private static LoadOptions Options(int rps, string duration, int concurrency = 50, string timeout = "10s", params string[] headers) =>
        LoadOptions.Parse("http://payment-service:8080/", rps, duration, headers, "GET", concurrency, timeout).Options!;

    /// <summary>Moves the fake clock in small steps, letting the runner's continuations run between them, until the run ends.</summary>
    private static async Task<LoadReport> Drive(FakeTimeProvider time, Task<LoadReport> run, TimeSpan? until = null)
    {
        var end = time.GetUtcNow() + (until ?? TimeSpan.FromMinutes(5));
        while (!run.IsCompleted && time.GetUtcNow() < end)
        {
            time.Advance(TimeSpan.FromMilliseconds(5));
            await Task.Delay(1);
        }
        return run.IsCompleted ? await run : null!;
    }

    [Fact]
    public async Task Requests_go_out_at_a_steady_rate_and_the_mix_is_counted()
    {
        var time = new FakeTimeProvider();
        var upstream = new Upstream(time, (n, _) => n % 4 == 3 ? Answer(HttpStatusCode.ServiceUnavailable, "payment-service v2 pod-b injected 503\n")
            : Answer(HttpStatusCode.OK, $"payment-service v1 pod-{n % 2}\n"));
        var report = await Drive(time, new LoadRunner(new HttpClient(upstream), time).RunAsync(Options(10, "2s"), CancellationToken.None));

        Assert.Equal(20, report.Completed);
        Assert.False(report.Stopped);
        // Request i goes out at i × 100 ms: never early, at most a few clock steps late.
        for (var i = 0; i < 20; i++) Assert.InRange(upstream.Arrivals[i].TotalMilliseconds, i * 100, i * 100 + 20);
        Assert.Equal([new LoadRow("200", 15), new LoadRow("503", 5)], report.Statuses);
        Assert.Equal([new LoadRow("payment-service v1", 15), new LoadRow("payment-service v2", 5)], report.Responses);
        Assert.Equal(0.25, report.Share(report.Responses[1]));
        Assert.InRange(report.AchievedRps, 9.9, 10.0);
    }

    [Fact]
    public async Task A_request_with_no_answer_within_the_timeout_counts_as_a_timeout()
    {
        var time = new FakeTimeProvider();
        var upstream = new Upstream(time, async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return null!;
        });
        var report = await Drive(time, new LoadRunner(new HttpClient(upstream), time).RunAsync(Options(2, "1s", timeout: "3s"), CancellationToken.None));
        Assert.Equal([new LoadRow(LoadTally.Timeout, 2)], report.Statuses);
        Assert.Equal("(no answer within 3000ms)", Assert.Single(report.Responses).Key);
        Assert.Empty(report.Latencies);
        Assert.InRange(report.Elapsed.TotalSeconds, 3.5, 3.6);
    }

    [Fact]
    public async Task No_more_than_the_concurrency_are_in_flight()
    {
        var time = new FakeTimeProvider();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var upstream = new Upstream(time, async (_, _) =>
        {
            await gate.Task;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("api v1 pod") };
        });
        var run = new LoadRunner(new HttpClient(upstream), time).RunAsync(Options(100, "1s", concurrency: 3), CancellationToken.None);
        await Drive(time, run, TimeSpan.FromSeconds(2));
        Assert.False(run.IsCompleted);
        Assert.Equal(3, upstream.Arrivals.Count);
        gate.SetResult();
        var report = await Drive(time, run);
        Assert.Equal(100, report.Completed);
        Assert.Equal(3, upstream.MaxInFlight);
    }

    [Fact]
    public async Task Cancellation_stops_sending_and_reports_what_completed()
    {
        var time = new FakeTimeProvider();
        var upstream = new Upstream(time, (_, _) => Answer(HttpStatusCode.OK, "api v1 pod"));
        using var cancel = new CancellationTokenSource();
        var run = new LoadRunner(new HttpClient(upstream), time).RunAsync(Options(10, "10s"), cancel.Token);
        await Drive(time, run, TimeSpan.FromMilliseconds(950));
        await cancel.CancelAsync();
        var report = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(report.Stopped);
        Assert.Equal(10, report.Completed);
        Assert.Equal(100, report.Options.Requests);
    }

    [Fact]
    public async Task A_refused_connection_counts_as_an_error()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var options = LoadOptions.Parse($"http://127.0.0.1:{port}/", 50, "100ms", [], "GET", 10, "5s").Options!;
        var report = await new LoadRunner(client, TimeProvider.System).RunAsync(options, CancellationToken.None);
        Assert.Equal([new LoadRow(LoadTally.Error, 5)], report.Statuses);
        Assert.Equal("(ConnectionError)", Assert.Single(report.Responses).Key);
    }
}
