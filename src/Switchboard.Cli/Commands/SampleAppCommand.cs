using System.CommandLine;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl x sample-app --name NAME [--version V] [--port 8080] [--call URL]...</c>: the workload the local runtime runs
/// for a container that names only an image. It answers <c>NAME VERSION</c> and, with <c>--call</c>, first calls each
/// downstream URL (or those in the <c>CALL</c> environment variable) — forwarding the trace and request-id headers it received, as a well-behaved service does — and
/// appends their answers, so a chain of them shows the path a request took through the mesh.
/// </summary>
public static class SampleAppCommand
{
    private static readonly string[] Propagated = ["x-request-id", "traceparent", "tracestate", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "b3"];

    public static Command Create(TextWriter output)
    {
        var name = new Option<string>("--name") { Description = "The service name it answers with", Required = true };
        var version = new Option<string>("--version") { Description = "Its version label", DefaultValueFactory = _ => "v1" };
        var port = new Option<int>("--port") { Description = "The port to serve on (all addresses)", DefaultValueFactory = _ => 8080 };
        var call = new Option<string[]>("--call") { Description = "A downstream URL to call per request (repeatable)" };
        var command = new Command("sample-app", "Run the sample workload (what sbctl up runs for image-only containers)") { name, version, port, call };
        command.SetAction(async (parse, token) =>
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Any, parse.GetValue(port)));
            await using var app = builder.Build();
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = true });
            var self = $"{parse.GetValue(name)} {parse.GetValue(version)}";
            // --call, else the CALL environment variable (comma-separated): how a Deployment tells an image-only container what to call.
            var downstream = parse.GetValue(call) is { Length: > 0 } calls ? calls
                : (Environment.GetEnvironmentVariable("CALL") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            app.Run(async context =>
            {
                var answer = self;
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
                await context.Response.WriteAsync(answer + "\n");
            });
            await app.StartAsync(token);
            output.WriteLine($"{self} serving on :{parse.GetValue(port)}");
            await app.WaitForShutdownAsync(token);
            return 0;
        });
        return command;
    }
}
