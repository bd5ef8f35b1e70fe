using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Cli.SampleApp;

namespace Switchboard.Cli.Tests.SampleApp;

public sealed class SampleResponderTests
{
    /// <summary>A downstream service that answers every call and keeps the requests it got.</summary>
    private sealed class Downstream(string answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer + "\n") });
        }
    }

    private static SampleAppSettings Settings(double errorRate = 0, int errorCode = 500, TimeSpan latency = default) =>
        new("payment-service", "v2", "payment-service-v2-7c9f-x2k4q", errorRate, errorCode, latency);

    private static SampleResponder Responder(SampleAppSettings settings, HttpMessageHandler? downstream = null, string[]? calls = null, TimeProvider? time = null) =>
        new(settings, new SampleFaults(settings, new Random(1)), new HttpClient(downstream ?? new Downstream("")), calls ?? [], time ?? TimeProvider.System);

    private static DefaultHttpContext Context()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string Body(HttpContext context) => System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());

    [Fact]
    public async Task It_answers_service_version_and_pod()
    {
        var context = Context();
        await Responder(Settings()).HandleAsync(context);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("payment-service v2 payment-service-v2-7c9f-x2k4q\n", Body(context));
    }

    [Fact]
    public async Task An_injected_error_answers_its_code_and_calls_nothing_downstream()
    {
        var downstream = new Downstream("api v1");
        var context = Context();
        await Responder(Settings(errorRate: 1, errorCode: 503), downstream, ["http://api:8080/"]).HandleAsync(context);
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("payment-service v2 payment-service-v2-7c9f-x2k4q injected 503\n", Body(context));
        Assert.Empty(downstream.Requests);
    }

    [Fact]
    public async Task Latency_is_added_before_the_answer()
    {
        var time = new FakeTimeProvider();
        var context = Context();
        var handling = Responder(Settings(latency: TimeSpan.FromMilliseconds(50)), time: time).HandleAsync(context);
        time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.False(handling.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await handling.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.StartsWith("payment-service v2", Body(context));
    }

    [Fact]
    public async Task Downstream_answers_are_appended_and_trace_headers_forwarded()
    {
        var downstream = new Downstream("api v1 api-5d8-q7w2z");
        var context = Context();
        context.Request.Headers["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        context.Request.Headers["x-request-id"] = "r-1";
        context.Request.Headers["x-user-type"] = "beta";
        await Responder(Settings(), downstream, ["http://api:8080/"]).HandleAsync(context);
        Assert.Equal("payment-service v2 payment-service-v2-7c9f-x2k4q -> [200 api v1 api-5d8-q7w2z]\n", Body(context));
        var sent = Assert.Single(downstream.Requests);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", sent.Headers.GetValues("traceparent").Single());
        Assert.Equal("r-1", sent.Headers.GetValues("x-request-id").Single());
        // Only trace and request-id headers are propagated; others are the caller's business.
        Assert.False(sent.Headers.Contains("x-user-type"));
    }
}
