using System.Collections.Concurrent;

namespace Switchboard.Proxy.Telemetry;

/// <summary>
/// Remembers a value computed from a per-request input that repeats (a caller's peer-metadata header, a Host), so the
/// computation and its allocations happen once per distinct input, not per request. Bounded: inputs a client can vary
/// at will stop being remembered at <paramref name="capacity"/> and are then computed each time.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(Func<TKey, TValue> compute, int capacity = 4096) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new();

    public TValue Get(TKey key)
    {
        if (_values.TryGetValue(key, out var known)) return known;
        var value = compute(key);
        if (_values.Count < capacity) _values.TryAdd(key, value);
        return value;
    }
}
