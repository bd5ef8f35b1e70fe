using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Tests.Telemetry.Tracing;

/// <summary>
/// A minimal OpenTelemetry collector on loopback: OTLP/HTTP (<c>POST /v1/traces</c>, <c>application/x-protobuf</c>) on
/// one port, OTLP/gRPC (the trace service's Export method over h2c) on another, and every span it got, decoded.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private const string GrpcExport = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public int HttpPort { get; private set; }
    public int GrpcPort { get; private set; }

    /// <summary>Every span received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    /// <summary>Export requests that arrived (each a batch).</summary>
    public int Batches => Volatile.Read(ref _batches);
    private int _batches;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1);
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).ToArray();
        (receiver.HttpPort, receiver.GrpcPort) = (ports[0], ports[1]);
        return receiver;
    }

    /// <summary>A tracing policy exporting here: OTLP/HTTP by default, OTLP/gRPC with <paramref name="grpc"/>.</summary>
    public TracingPolicy Policy(double sampling, bool grpc = false, IReadOnlyList<SpanTag>? tags = null) => new()
    {
        Provider = "otel",
        Kind = "opentelemetry",
        Collector = $"127.0.0.1:{(grpc ? GrpcPort : HttpPort)}",
        Http = !grpc,
        SamplingPercentage = sampling,
        CustomTags = tags ?? [],
    };

    /// <summary>Waits (bounded) until a span matching <paramref name="match"/> has arrived; the matching spans.</summary>
    public async Task<IReadOnlyList<ReceivedSpan>> WaitFor(Func<ReceivedSpan, bool> match, int count = 1)
    {
        Assert.True(await Wait.Until(() => Task.FromResult(Spans.Count(match) >= count)),
            $"expected {count} matching span(s); got: {string.Join(" | ", Spans.Select(s => $"{s.Name} {s.Kind} {s.Tag("guid:x-request-id")}"))}");
        return Spans.Where(match).ToList();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        if (context.Request.Path == GrpcExport)
        {
            // gRPC framing: 1 byte compressed flag, 4 bytes big-endian length, the message; the answer an empty message.
            Record(bytes[5..]);
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(new byte[5]);
            context.Response.AppendTrailer("grpc-status", "0");
            return;
        }
        if (context.Request.Path != "/v1/traces" || context.Request.ContentType != "application/x-protobuf")
        {
            context.Response.StatusCode = 404;
            return;
        }
        Record(bytes);
        context.Response.ContentType = "application/x-protobuf";
    }

    private void Record(byte[] request)
    {
        foreach (var span in OtlpSpanReader.Read(request)) _spans.Enqueue(span);
        Interlocked.Increment(ref _batches);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
