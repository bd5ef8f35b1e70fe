using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchboard.Proxy.Runtime;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// Tracing for each request a proxy handles, on the side that handles it (client = outbound, server = inbound):
/// 1. give the request an <c>x-request-id</c> if it has none (always, tracing or not);
/// 2. with no tracing provider for the side, stop: trace headers pass through as they came;
/// 3. read the caller's context (B3 or W3C) and its sampling decision; without one, sample with the side's
///    percentage, drawn from the proxy's injected randomness;
/// 4. a sampled request whose side reports spans gets a span (kind CLIENT or SERVER), child of the caller's;
///    any other gets a fresh span id that only propagates;
/// 5. write this proxy's span to the forwarded request in both header families, with the decision (sampled=0 too).
/// 6. when the handler is done, name and tag the span from what happened (the handler's <see cref="RequestRecord"/>,
///    which it leaves in the request's features) and end it.
/// The hot path when tracing is off for the side is step 1 and a reference check of the config.
/// </summary>
internal sealed class RequestTracer(ConfigHolder config, RandomSource random, TimeProvider time, ILogger<RequestTracer> logger) : IDisposable
{
    private readonly ExportPipelines _pipelines = new(time, logger);
    private readonly Lock _lock = new();
    private TracingSides? _sides;

    /// <summary>The export targets in use (tests, admin).</summary>
    public IReadOnlyCollection<ExportTarget> LiveTargets => _pipelines.Live;

    /// <summary>Runs <paramref name="handler"/> for a request on <paramref name="kind"/>'s side, inside its span.</summary>
    public Task Around(HttpContext context, ActivityKind kind, RequestDelegate handler)
    {
        var span = Start(context, kind);
        return span is null ? handler(context) : TracedAsync(context, span, handler);
    }

    private static async Task TracedAsync(HttpContext context, ProxySpan span, RequestDelegate handler)
    {
        var failed = false;
        try
        {
            await handler(context);
        }
        catch
        {
            // Kestrel answers 500 for what escapes the handler; the span says so.
            failed = true;
            throw;
        }
        finally
        {
            span.End(context, context.Features.Get<RequestRecord>() ?? new RequestRecord(default, 0), failed);
        }
    }

    /// <summary>Steps 1–5 for a request arriving on <paramref name="kind"/>'s side; the span to end, when one is reported.</summary>
    public ProxySpan? Start(HttpContext context, ActivityKind kind)
    {
        var headers = context.Request.Headers;
        var requestId = RequestId.Ensure(headers);
        if (config.Current is not { } current || SidesFor(current.Source).For(kind) is not { } side) return null;
        var incoming = TraceHeaderReader.Read(headers, side.PreferB3);
        var sampled = incoming.Sampled ?? random.Chance(side.Policy.SamplingPercentage);
        var activity = sampled ? side.Pipeline?.Start(kind, incoming.Parent, time.GetUtcNow()) : null;
        var traceId = activity?.TraceId ?? (incoming.HasParent ? incoming.TraceId : ActivityTraceId.CreateRandom());
        var spanId = activity?.SpanId ?? ActivitySpanId.CreateRandom();
        TraceHeaderWriter.Write(headers, traceId, spanId, incoming.HasParent ? incoming.SpanId : null, sampled);
        return activity is null ? null : new ProxySpan(activity, side, requestId, time);
    }

    /// <summary>The compiled sides of the config in force, recompiled when the config changes (checked by reference: cheap).</summary>
    private TracingSides SidesFor(ProxyConfig source)
    {
        var sides = Volatile.Read(ref _sides);
        if (sides is not null && ReferenceEquals(sides.Source, source)) return sides;
        lock (_lock)
        {
            // Compile for the newest config, not the caller's: a request that read the old one must not bring its pipelines back.
            var latest = config.Current?.Source ?? source;
            if (_sides is not null && ReferenceEquals(_sides.Source, latest)) return _sides;
            var meshId = config.Identity.Enabled ? config.Identity.TrustDomain : Switchboard.Identity.Spiffe.SpiffeId.DefaultTrustDomain;
            var next = TracingSides.Compile(latest, _pipelines, meshId, Environment.GetEnvironmentVariable);
            Volatile.Write(ref _sides, next);
            return next;
        }
    }

    public void Dispose() => _pipelines.Dispose();
}
