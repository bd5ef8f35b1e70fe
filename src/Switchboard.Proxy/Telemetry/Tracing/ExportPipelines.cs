using Microsoft.Extensions.Logging;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// The proxy's export pipelines, one per distinct <see cref="ExportTarget"/> the config in force uses. When a config
/// stops using a target its pipeline is retired: kept for a grace period (requests that started under the old config
/// still end their spans into it), then flushed and disposed off the request path. Disposing the set (proxy shutdown)
/// flushes every pipeline, retired or live.
/// </summary>
internal sealed class ExportPipelines(TimeProvider time, ILogger logger) : IDisposable
{
    private static readonly TimeSpan RetireGrace = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<ExportTarget, ExportPipeline> _live = [];
    private readonly HashSet<ExportPipeline> _retiring = [];

    /// <summary>The pipelines in use (for tests and the admin page).</summary>
    public IReadOnlyCollection<ExportTarget> Live
    {
        get
        {
            lock (_lock) return [.. _live.Keys];
        }
    }

    /// <summary>Makes the live set exactly <paramref name="wanted"/>: reuses what exists, builds the rest, retires the others.</summary>
    public IReadOnlyDictionary<ExportTarget, ExportPipeline> Reconcile(IReadOnlySet<ExportTarget> wanted)
    {
        lock (_lock)
        {
            foreach (var target in _live.Keys.Where(t => !wanted.Contains(t)).ToList())
            {
                Retire(_live[target]);
                _live.Remove(target);
            }
            foreach (var target in wanted)
            {
                if (_live.ContainsKey(target)) continue;
                try
                {
                    _live[target] = new ExportPipeline(target);
                }
                // A collector address that makes no URL, or an exporter that refuses its options: its spans are dropped,
                // context still propagates, and no request fails for it.
                catch (Exception ex) when (ex is UriFormatException or ArgumentException or NotSupportedException or InvalidOperationException)
                {
                    logger.LogWarning("tracing: cannot export to {Target}: {Error}", target, ex.Message);
                }
            }
            return new Dictionary<ExportTarget, ExportPipeline>(_live);
        }
    }

    private void Retire(ExportPipeline pipeline)
    {
        _retiring.Add(pipeline);
        _ = DisposeLaterAsync(pipeline);
    }

    private async Task DisposeLaterAsync(ExportPipeline pipeline)
    {
        await Task.Delay(RetireGrace, time).ConfigureAwait(false);
        lock (_lock)
        {
            if (!_retiring.Remove(pipeline)) return;
        }
        // The flush may wait for a slow collector: on a pool thread, never a request's.
        await Task.Run(pipeline.Dispose).ConfigureAwait(false);
    }

    public void Dispose()
    {
        List<ExportPipeline> all;
        lock (_lock)
        {
            all = [.. _live.Values, .. _retiring];
            _live.Clear();
            _retiring.Clear();
        }
        foreach (var pipeline in all) pipeline.Dispose();
    }
}
