using Microsoft.AspNetCore.Http;

namespace Switchboard.Cli.SampleApp;

/// <summary>
/// The sample workload's answer to one request:
/// 1. wait the configured latency;
/// 2. fail the request with the error code when <see cref="SampleFaults"/> says so — at once, calling nothing downstream:
///    the service itself is what is broken;
/// 3. otherwise call each downstream URL in turn, forwarding the trace and request-id headers it received (as a
///    well-behaved service does, so traces join up), and answer <c>SERVICE VERSION POD -> [STATUS ANSWER]…</c>.
/// </summary>
public sealed class SampleResponder(SampleAppSettings settings, SampleFaults faults, HttpClient client, IReadOnlyList<string> downstream, TimeProvider time)
{
    private static readonly string[] Propagated = ["x-request-id", "traceparent", "tracestate", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "b3"];

    public async Task HandleAsync(HttpContext context)
    {
        if (faults.Latency > TimeSpan.Zero) await Task.Delay(faults.Latency, time, context.RequestAborted);
        if (faults.ErrorFor() is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync($"{settings.Identity} injected {status}\n", context.RequestAborted);
            return;
        }
        var answer = settings.Identity;
        foreach (var url in downstream)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            foreach (var header in Propagated)
            {
                if (context.Request.Headers.TryGetValue(header, out var value)) request.Headers.TryAddWithoutValidation(header, (IEnumerable<string?>)value);
            }
            try
            {
                using var response = await client.SendAsync(request, context.RequestAborted);
                answer += $" -> [{(int)response.StatusCode} {(await response.Content.ReadAsStringAsync(context.RequestAborted)).Trim()}]";
            }
            catch (HttpRequestException ex)
            {
                answer += $" -> [error {ex.Message}]";
            }
        }
        await context.Response.WriteAsync(answer + "\n", context.RequestAborted);
    }
}
