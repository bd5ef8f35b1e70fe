using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// One export pipeline: a private <see cref="ActivitySource"/> whose spans one SDK <see cref="TracerProvider"/> batches
/// to one collector. Why a provider per target, not one for the process: the SDK binds sources, sampler, resource and
/// exporters when a provider is built, while a config push may change the collector at any time. Giving each target a
/// source of its own (a unique name) and a provider listening to that name only lets pipelines come and go with the
/// config, leaves other listeners in the process untouched, and keeps two proxies in one test process apart.
/// The proxy decides sampling itself (incoming decision, else its own random draw) and only creates spans it keeps,
/// so the provider samples everything it is given.
/// </summary>
internal sealed class ExportPipeline : IDisposable
{
    // Spans leave at least once a second (Envoy's Zipkin flush interval), in batches of up to 512; at most 2048 wait,
    // more are dropped rather than held: a collector that is down must cost memory only up to this bound.
    private const int MaxQueue = 2048;
    private const int FlushIntervalMilliseconds = 1_000;
    private const int MaxBatch = 512;

    /// <summary>The processor's bound on one export when it flushes (shutdown, retirement).</summary>
    private const int FlushTimeoutMilliseconds = 10_000;

    private readonly ActivitySource _source;
    private readonly TracerProvider _provider;
    private int _disposed;

    public ExportPipeline(ExportTarget target)
    {
        Target = target;
        // The exporter first: a collector address that makes no URL throws here, before anything needs disposing.
        var processor = new BatchActivityExportProcessor(SpanExporters.Create(target), MaxQueue, FlushIntervalMilliseconds, FlushTimeoutMilliseconds, MaxBatch);
        _source = new ActivitySource("Switchboard.Proxy.Spans." + Guid.NewGuid().ToString("N"));
        _provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(_source.Name)
            .SetSampler(new AlwaysOnSampler())
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(target.Service))
            .AddProcessor(processor)
            .Build();
    }

    public ExportTarget Target { get; }

    /// <summary>
    /// A started span, child of <paramref name="parent"/> (a root when it has no ids). The async flow's
    /// <see cref="Activity.Current"/> is neither used as a parent nor changed: a proxy's spans descend only from headers.
    /// </summary>
    public Activity? Start(ActivityKind kind, ActivityContext parent, DateTimeOffset start)
    {
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            var activity = _source.CreateActivity("proxy", kind, parent, idFormat: ActivityIdFormat.W3C);
            if (activity is null) return null;
            activity.SetStartTime(start.UtcDateTime);
            activity.Start();
            return activity;
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    /// <summary>Flushes what is queued (bounded by the export timeout) and stops the pipeline.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _provider.Dispose();
        _source.Dispose();
    }
}
