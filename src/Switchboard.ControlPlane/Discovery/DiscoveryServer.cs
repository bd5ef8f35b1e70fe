using System.Collections.Concurrent;
using Grpc.Core;
using Switchboard.ControlPlane.Store;
using Switchboard.Discovery.Protocol;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Translate;

namespace Switchboard.ControlPlane.Discovery;

/// <summary>
/// The discovery stream (15010): a proxy connects and names its workload; it is sent its config translated
/// from the store, type by type in push order; afterwards every store change is pushed again, debounced
/// (100 ms after the last change, at most 1 s after the first) so a burst of applies is one push.
/// </summary>
public sealed class DiscoveryServer : AggregatedDiscovery.AggregatedDiscoveryBase
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    private readonly FileConfigStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<ProxyConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _debounce = new();
    private readonly ITimer _timer;
    private MeshState _current;
    private DateTimeOffset? _firstPending;
    private long _version;

    public DiscoveryServer(FileConfigStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
        _current = new MeshState(new TranslationCache(MeshSnapshot.From(store.Resources)), NextVersion());
        _timer = time.CreateTimer(_ => _ = PushAllAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        store.Changed += _ => Schedule();
    }

    public IReadOnlyCollection<ProxyConnection> Connections => _connections.Keys.ToList();

    public DiscoveryMetrics Metrics { get; } = new();

    public override async Task Stream(IAsyncStreamReader<DiscoveryRequest> requests, IServerStreamWriter<DiscoveryResponse> responses, ServerCallContext context)
    {
        if (!await requests.MoveNext(context.CancellationToken) || requests.Current.Node is not { } node) return;
        var connection = new ProxyConnection(node, responses, Metrics);
        _connections[connection] = 0;
        // Streams end with the call or when the control plane shuts down (proxies then reconnect elsewhere or later).
        using var scope = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping.Token);
        try
        {
            var current = Volatile.Read(ref _current);
            await connection.PushAsync(ConfigFor(current.Translations, node), current.Version, scope.Token);
            while (await requests.MoveNext(scope.Token)) connection.Answer(requests.Current);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or RpcException)
        {
            // The proxy went away; it reconnects and is re-synced from scratch.
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }

    /// <summary>Ends every open stream (called when the control plane stops, so shutdown does not wait on them).</summary>
    public void Stop() => _stopping.Cancel();

    private void Schedule()
    {
        lock (_debounce)
        {
            var now = _time.GetUtcNow();
            _firstPending ??= now;
            var due = Quiet;
            if (now + Quiet - _firstPending.Value > MaxDelay) due = _firstPending.Value + MaxDelay - now;
            _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task PushAllAsync()
    {
        lock (_debounce) _firstPending = null;
        var started = _time.GetTimestamp();
        var current = new MeshState(new TranslationCache(MeshSnapshot.From(_store.Resources)), NextVersion());
        Volatile.Write(ref _current, current);
        foreach (var connection in _connections.Keys)
        {
            try
            {
                await connection.PushAsync(ConfigFor(current.Translations, connection.Node), current.Version, CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or RpcException)
            {
                _connections.TryRemove(connection, out _);
            }
        }
        Metrics.PushTook(_time.GetElapsedTime(started));
    }

    /// <summary>The proxy's config: its workload as the store describes it, else as it described itself.</summary>
    private static ProxyConfig ConfigFor(TranslationCache translations, Node node)
    {
        var snapshot = translations.Snapshot;
        var self = snapshot.FindWorkload($"{node.Namespace}/{node.Workload}") is { } workload
            ? ProxyNode.For(workload)
            : new ProxyNode { Namespace = node.Namespace, Workload = node.Workload, Labels = node.Labels.ToDictionary(), ServiceAccount = node.ServiceAccount is { Length: > 0 } sa ? sa : "default" };
        return translations.For(self);
    }

    private string NextVersion() => $"v{Interlocked.Increment(ref _version)}";

    /// <summary>The snapshot being served (with its translations) and its version, swapped as one.</summary>
    private sealed record MeshState(TranslationCache Translations, string Version);
}
