using Grpc.Core;
using Switchboard.Discovery;
using Switchboard.Discovery.Protocol;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.ControlPlane.Discovery;

/// <summary>What one proxy should hold: a resource set per type, the snapshot version, and when the change behind it happened.</summary>
public sealed record DesiredConfig(string Version, IReadOnlyDictionary<string, ResourceSet> Sets, DeltaCache Deltas, long ChangedAt);

/// <summary>Per type, as proxy-status shows it: the version last sent, the version the proxy holds, its last rejection.</summary>
public sealed record TypeState(string? SentVersion, string? AckedVersion, string? Error);

/// <summary>
/// One connected proxy: its node, its response stream, and per type the set it holds (ACKed), the set in flight,
/// and the last rejection. The pump sends a type only when
/// 1. nothing of that type is in flight (so a delta always applies on top of what the proxy holds),
/// 2. what it should hold differs from what it holds, and
/// 3. it is not the very content the proxy last rejected (a NACKed config is never pushed again in a loop);
/// and it keeps push order: while an earlier type waits for its answer, later types wait too.
/// </summary>
public sealed class ProxyConnection(Node node, IServerStreamWriter<DiscoveryResponse> stream, DiscoveryMetrics metrics, TimeProvider time, SemaphoreSlim pushThrottle)
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<string, Slot> _slots = ResourceTypes.PushOrder.ToDictionary(t => t, _ => new Slot(), StringComparer.Ordinal);
    private DesiredConfig? _desired;
    private long _convergedFor = -1;

    public Node Node { get; } = node;
    public string Id => $"{Node.Namespace}/{Node.Workload}";

    /// <summary>The proxy node the control plane translated for (set on the first push).</summary>
    public ProxyNode? Self { get; set; }

    public IReadOnlyDictionary<string, TypeState> Types
    {
        get
        {
            lock (_slots)
            {
                return _slots.Where(s => s.Value.SentVersion is not null)
                    .ToDictionary(s => s.Key, s => new TypeState(s.Value.SentVersion, s.Value.HeldVersion, s.Value.Error), StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The sets the proxy has acknowledged, per type: what it holds, as far as the control plane knows.</summary>
    public IReadOnlyDictionary<string, ResourceSet> Held
    {
        get
        {
            lock (_slots) return _slots.Where(s => s.Value.Held is not null).ToDictionary(s => s.Key, s => s.Value.Held!, StringComparer.Ordinal);
        }
    }

    /// <summary>Sets what the proxy should hold and sends what it lacks.</summary>
    public Task UpdateAsync(DesiredConfig desired, CancellationToken token)
    {
        lock (_slots) _desired = desired;
        return PumpAsync(token);
    }

    /// <summary>Records an ACK or NACK (answers to a stale nonce are ignored, as in xDS), then sends what is due.</summary>
    public Task AnswerAsync(DiscoveryRequest request, CancellationToken token)
    {
        lock (_slots)
        {
            if (!_slots.TryGetValue(request.TypeUrl, out var slot) || slot.InFlight is null || slot.Nonce != request.ResponseNonce) return Task.CompletedTask;
            if (string.IsNullOrEmpty(request.ErrorDetail))
            {
                slot.Held = slot.InFlight;
                slot.HeldVersion = request.VersionInfo;
                slot.Error = null;
            }
            else
            {
                metrics.Rejected(request.TypeUrl);
                slot.Error = request.ErrorDetail;
                slot.Rejected = slot.InFlight.Digest;
            }
            slot.InFlight = null;
            slot.Nonce = null;
            RecordConvergence();
        }
        return PumpAsync(token);
    }

    private async Task PumpAsync(CancellationToken token)
    {
        await _writeLock.WaitAsync(token);
        try
        {
            var due = Due();
            if (due.Count == 0) return;
            // A response waits in the server's buffers until the proxy's flow-control window takes it: bounding the
            // proxies being written at once bounds that memory (Istio's PILOT_PUSH_THROTTLE), whatever the mesh size.
            await pushThrottle.WaitAsync(token);
            try
            {
                foreach (var response in due) await stream.WriteAsync(response, token);
            }
            finally
            {
                pushThrottle.Release();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The responses to send now, in push order; marks them in flight.</summary>
    private List<DiscoveryResponse> Due()
    {
        var due = new List<DiscoveryResponse>();
        lock (_slots)
        {
            if (_desired is not { } desired) return due;
            foreach (var type in ResourceTypes.PushOrder)
            {
                if (!desired.Sets.TryGetValue(type, out var target)) continue;
                var slot = _slots[type];
                if (slot.InFlight is not null)
                {
                    if (slot.InFlight.SameContent(target)) continue;
                    break;
                }
                if (target.SameContent(slot.Held))
                {
                    // Back to what the proxy holds (a rejected change was undone): nothing to send, nothing rejected.
                    slot.Error = null;
                    slot.Rejected = null;
                    continue;
                }
                if (target.Digest == slot.Rejected) continue;
                // The proxy-specific set (its node) is never shared, so its delta is not worth caching.
                var delta = type == ResourceTypes.Proxy ? ResourceDelta.Between(slot.Held, target) : desired.Deltas.Between(slot.Held, target);
                slot.InFlight = target;
                slot.Nonce = Guid.NewGuid().ToString("N");
                slot.SentVersion = desired.Version;
                metrics.Pushed(type);
                due.Add(delta.ToResponse(desired.Version, slot.Nonce));
            }
        }
        return due;
    }

    /// <summary>Once every type holds what it should (or was rejected), the time since the change is this proxy's convergence time.</summary>
    private void RecordConvergence()
    {
        if (_desired is not { } desired || _convergedFor == desired.ChangedAt) return;
        foreach (var (type, target) in desired.Sets)
        {
            var slot = _slots[type];
            if (slot.InFlight is not null || !(target.SameContent(slot.Held) || target.Digest == slot.Rejected)) return;
        }
        _convergedFor = desired.ChangedAt;
        metrics.Converged(time.GetElapsedTime(desired.ChangedAt));
    }

    private sealed class Slot
    {
        public ResourceSet? Held;
        public string? HeldVersion;
        public ResourceSet? InFlight;
        public string? Nonce;
        public string? SentVersion;
        public string? Error;
        public string? Rejected;
    }
}
