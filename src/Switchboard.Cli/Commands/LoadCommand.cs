using System.CommandLine;
using Switchboard.Cli.Load;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl x load URL --rps N --duration D [--header k:v]... [--method M] [--concurrency C] [--timeout T]</c>: sends
/// requests at a steady rate and prints the mix of answers — per status and per "service version" (the first two words
/// of the body, what the sample workload answers with) — with latency percentiles and the achieved rate. Run it inside a
/// pod to load the mesh as an app would: <c>sbctl exec checkout-… -- sbctl x load http://payment-service:8080/ --rps 20 --duration 5s</c>.
/// </summary>
public static class LoadCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var url = new Argument<string>("url") { Description = "The URL to send requests to (http:// or https://)" };
        var rps = new Option<int>("--rps") { Description = $"Requests per second (1 to {LoadOptions.MaxRps})", DefaultValueFactory = _ => 10 };
        var duration = new Option<string>("--duration") { Description = "How long to send, e.g. 5s or 2m (at most 10m)", DefaultValueFactory = _ => "10s" };
        var header = new Option<string[]>("--header", "-H") { Description = "A request header NAME:VALUE (repeatable), e.g. x-user-type:beta" };
        var method = new Option<string>("--method", "-X") { Description = "The request method", DefaultValueFactory = _ => "GET" };
        var concurrency = new Option<int>("--concurrency") { Description = $"At most this many requests in flight (1 to {LoadOptions.MaxConcurrency})", DefaultValueFactory = _ => 50 };
        var timeout = new Option<string>("--timeout") { Description = "How long one request may take (at most 1m)", DefaultValueFactory = _ => "10s" };
        var command = new Command("load", "Send requests at a steady rate and print the mix of answers (status, service version) and latencies")
        {
            url, rps, duration, header, method, concurrency, timeout,
        };
        command.SetAction(async (parse, token) =>
        {
            var (options, errors) = LoadOptions.Parse(parse.GetValue(url)!, parse.GetValue(rps), parse.GetValue(duration)!,
                parse.GetValue(header) ?? [], parse.GetValue(method)!, parse.GetValue(concurrency), parse.GetValue(timeout)!);
            if (options is null)
            {
                foreach (var e in errors) error.WriteLine($"error: {e}");
                return ExitCodes.Usage;
            }
            // One handler for the whole run (one connection pool); it honours HTTP_PROXY/NO_PROXY as the sample workload does.
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = true }) { Timeout = Timeout.InfiniteTimeSpan };
            LoadReportWriter.WritePlan(output, options);
            var report = await new LoadRunner(client, TimeProvider.System).RunAsync(options, token);
            LoadReportWriter.Write(output, report);
            // Scripts can tell "the target answered (whatever it said)" from "nothing answered at all".
            return report.Latencies.Count > 0 ? ExitCodes.Ok : ExitCodes.Unknown;
        });
        return command;
    }
}
