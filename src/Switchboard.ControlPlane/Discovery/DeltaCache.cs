using System.Collections.Concurrent;
using Switchboard.Discovery;

namespace Switchboard.ControlPlane.Discovery;

/// <summary>
/// Deltas between resource sets, computed once per (held, target) pair: ten thousand proxies of one shape making
/// the same step after a change cost one comparison, not ten thousand. Lives as long as the snapshot it serves.
/// </summary>
public sealed class DeltaCache
{
    private readonly ConcurrentDictionary<(ResourceSet? Held, ResourceSet Target), Lazy<ResourceDelta>> _deltas = new();

    public ResourceDelta Between(ResourceSet? held, ResourceSet target) =>
        _deltas.GetOrAdd((held, target), key => new Lazy<ResourceDelta>(() => ResourceDelta.Between(key.Held, key.Target))).Value;
}
