using System.CommandLine;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Cli.SampleApp;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl x sample-app --name NAME [--version V] [--port 8080] [--call URL]... [--error-rate F] [--error-code N] [--latency D]</c>:
/// the workload the local runtime runs for a container that names only an image. It answers <c>NAME VERSION POD</c> and,
/// with <c>--call</c>, first calls each downstream URL (or those in the <c>CALL</c> environment variable) — forwarding
/// the trace and request-id headers it received, as a well-behaved service does — and appends their answers, so a chain
/// of them shows the path a request took through the mesh. For demos it can be slow (<c>LATENCY</c>) and fail a fraction
/// of requests (<c>ERROR_RATE</c>, <c>ERROR_CODE</c>): what outlier detection, retries and timeouts are for.
/// </summary>
public static class SampleAppCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var name = new Option<string>("--name") { Description = "The service name it answers with", Required = true };
        var version = new Option<string>("--version") { Description = "Its version label", DefaultValueFactory = _ => "v1" };
        var port = new Option<int>("--port") { Description = "The port to serve on (all addresses)", DefaultValueFactory = _ => 8080 };
        var call = new Option<string[]>("--call") { Description = "A downstream URL to call per request (repeatable)" };
        var errorRate = new Option<string?>("--error-rate") { Description = "Fraction (0..1) of requests answered with --error-code (default: env ERROR_RATE, else 0)" };
        var errorCode = new Option<string?>("--error-code") { Description = "Status of an injected error (default: env ERROR_CODE, else 500)" };
        var latency = new Option<string?>("--latency") { Description = "Added before every answer, e.g. 50ms (default: env LATENCY, else none)" };
        var command = new Command("sample-app", "Run the sample workload (what sbctl up runs for image-only containers)") { name, version, port, call, errorRate, errorCode, latency };
        command.SetAction(async (parse, token) =>
        {
            var (settings, errors) = SampleAppSettings.Resolve(parse.GetValue(name)!, parse.GetValue(version)!,
                parse.GetValue(errorRate), parse.GetValue(errorCode), parse.GetValue(latency), Environment.GetEnvironmentVariable);
            if (settings is null)
            {
                foreach (var e in errors) error.WriteLine($"error: {e}");
                return ExitCodes.Usage;
            }
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Any, parse.GetValue(port)));
            await using var app = builder.Build();
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = true });
            // --call, else the CALL environment variable (comma-separated): how a Deployment tells an image-only container what to call.
            var downstream = parse.GetValue(call) is { Length: > 0 } calls ? calls
                : (Environment.GetEnvironmentVariable("CALL") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            app.Run(new SampleResponder(settings, new SampleFaults(settings, Random.Shared), client, downstream, TimeProvider.System).HandleAsync);
            await app.StartAsync(token);
            output.WriteLine($"{settings.Identity} serving on :{parse.GetValue(port)}"
                + (settings.ErrorRate > 0 ? $", failing {settings.ErrorRate * 100:0.##}% with {settings.ErrorCode}" : "")
                + (settings.Latency > TimeSpan.Zero ? $", adding {settings.Latency.TotalMilliseconds:0.###}ms" : ""));
            await app.WaitForShutdownAsync(token);
            return 0;
        });
        return command;
    }
}
