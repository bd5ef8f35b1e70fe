using System.Collections.Concurrent;
using Grpc.Core;
using Switchboard.ControlPlane.Store;
using Switchboard.Identity.Tokens;
using Switchboard.Discovery;
using Switchboard.Discovery.Protocol;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

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

    /// <summary>Proxies written to at once (Istio's default PILOT_PUSH_THROTTLE is 100).</summary>
    private const int PushConcurrency = 100;

    private readonly FileConfigStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<ProxyConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _debounce = new();
    private readonly SemaphoreSlim _pushThrottle = new(PushConcurrency, PushConcurrency);
    private readonly ITimer _timer;
    private MeshState _current;
    private DateTimeOffset? _firstPending;
    private long _firstPendingStamp;
    private long _version;

    private readonly TokenVerifier? _tokens;

    private readonly JwksCache? _jwks;

    public DiscoveryServer(FileConfigStore store, TimeProvider time, TokenVerifier? tokens = null, JwksCache? jwks = null)
    {
        _store = store;
        _time = time;
        _tokens = tokens;
        _jwks = jwks;
        if (jwks is not null) jwks.Changed += Schedule;
        _current = new MeshState(new TranslationCache(MeshSnapshot.From(store.Resources), jwks is null ? null : jwks.Lookup), new DeltaCache(), NextVersion());
        _timer = time.CreateTimer(_ => _ = PushAllAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        store.Changed += _ => Schedule();
    }

    public IReadOnlyCollection<ProxyConnection> Connections => _connections.Keys.ToList();

    public DiscoveryMetrics Metrics { get; } = new();

    /// <summary>The snapshot being served (what gateway credential requests are checked against).</summary>
    public MeshSnapshot Snapshot => Volatile.Read(ref _current).Translations.Snapshot;

    public override async Task Stream(IAsyncStreamReader<DiscoveryRequest> requests, IServerStreamWriter<DiscoveryResponse> responses, ServerCallContext context)
    {
        if (!await requests.MoveNext(context.CancellationToken) || requests.Current.Node is not { } node) return;
        Authenticate(node, context);
        var connection = new ProxyConnection(node, responses, Metrics, _time, _pushThrottle);
        _connections[connection] = 0;
        // Streams end with the call or when the control plane shuts down (proxies then reconnect elsewhere or later).
        using var scope = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping.Token);
        try
        {
            await connection.UpdateAsync(DesiredFor(Volatile.Read(ref _current), connection, _time.GetTimestamp()), scope.Token);
            while (await requests.MoveNext(scope.Token)) await connection.AnswerAsync(requests.Current, scope.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or RpcException or InvalidOperationException)
        {
            // The proxy went away; it reconnects and is re-synced from scratch.
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }

    /// <summary>
    /// Over TLS (15012) a proxy proves who it is with its bootstrap token, and may only name that workload: the config
    /// it is sent (and the identity telemetry and policy see) then comes from an authenticated source. The plain-text
    /// port (15010, loopback, tests and debugging) takes the node as given, as Istio's does.
    /// </summary>
    private void Authenticate(Node node, ServerCallContext context)
    {
        if (_tokens is null || context.GetHttpContext() is not { Request.IsHttps: true }) return;
        var header = context.RequestHeaders.GetValue("authorization");
        var token = header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
        var verified = _tokens.Verify(token);
        if (verified.Claims is not { } claims) throw new RpcException(new Status(StatusCode.Unauthenticated, $"bootstrap token: {verified.Detail}"));
        if (claims.Identity.Namespace != node.Namespace || claims.Workload != node.Workload
            || (node.ServiceAccount.Length > 0 && node.ServiceAccount != claims.Identity.ServiceAccount))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"the token is for {claims.Identity.Namespace}/{claims.Workload} (service account {claims.Identity.ServiceAccount}), not {node.Namespace}/{node.Workload}"));
        }
        node.ServiceAccount = claims.Identity.ServiceAccount;
    }

    /// <summary>Ends every open stream (called when the control plane stops, so shutdown does not wait on them).</summary>
    public void Stop() => _stopping.Cancel();

    private void Schedule()
    {
        lock (_debounce)
        {
            var now = _time.GetUtcNow();
            if (_firstPending is null)
            {
                _firstPending = now;
                _firstPendingStamp = _time.GetTimestamp();
            }
            var due = Quiet;
            if (now + Quiet - _firstPending.Value > MaxDelay) due = _firstPending.Value + MaxDelay - now;
            _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// 1. a new snapshot and version (the translation and delta caches start empty with it);
    /// 2. per proxy, what it should hold now — translated once per shape, in parallel across shapes;
    /// 3. every proxy is sent what differs from what it holds, concurrently (a proxy the change does not touch is sent nothing).
    /// </summary>
    private async Task PushAllAsync()
    {
        long changedAt;
        lock (_debounce)
        {
            _firstPending = null;
            changedAt = _firstPendingStamp;
        }
        var started = _time.GetTimestamp();
        var current = new MeshState(new TranslationCache(MeshSnapshot.From(_store.Resources), _jwks is null ? null : _jwks.Lookup), new DeltaCache(), NextVersion());
        Volatile.Write(ref _current, current);
        var connections = _connections.Keys.ToArray();
        var desired = new DesiredConfig[connections.Length];
        Parallel.For(0, connections.Length, i => desired[i] = DesiredFor(current, connections[i], changedAt));
        var sends = new Task[connections.Length];
        for (var i = 0; i < connections.Length; i++) sends[i] = SendAsync(connections[i], desired[i]);
        await Task.WhenAll(sends);
        Metrics.PushTook(_time.GetElapsedTime(started));
    }

    private async Task SendAsync(ProxyConnection connection, DesiredConfig desired)
    {
        try
        {
            await connection.UpdateAsync(desired, _stopping.Token);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or RpcException or OperationCanceledException)
        {
            _connections.TryRemove(connection, out _);
        }
    }

    /// <summary>The proxy's config: its workload as the store describes it, else as it described itself.</summary>
    private static DesiredConfig DesiredFor(MeshState state, ProxyConnection connection, long changedAt)
    {
        var node = connection.Node;
        var self = state.Translations.Snapshot.FindWorkload($"{node.Namespace}/{node.Workload}") is { } workload
            ? ProxyNode.For(workload)
            : new ProxyNode { Namespace = node.Namespace, Workload = node.Workload, Labels = node.Labels.ToDictionary(), ServiceAccount = node.ServiceAccount is { Length: > 0 } sa ? sa : "default" };
        // The role only chooses which listeners the proxy is given; what it may reach and be is still its workload's.
        if (node.Role == "gateway") self = self with { Role = ProxyRole.Gateway };
        connection.Self = self;
        var shape = state.Translations.For(self);
        var sets = new Dictionary<string, ResourceSet>(shape.Resources, StringComparer.Ordinal)
        {
            [ResourceTypes.Proxy] = WireCodec.EncodeProxy(state.Translations.ConfigFor(shape, self)),
        };
        return new DesiredConfig(state.Version, sets, state.Deltas, changedAt);
    }

    private string NextVersion() => $"v{Interlocked.Increment(ref _version)}";

    /// <summary>The snapshot being served (with its translations) and its version, swapped as one.</summary>
    private sealed record MeshState(TranslationCache Translations, DeltaCache Deltas, string Version);
}
