namespace Switchboard.Proxy.Runtime;

/// <summary>
/// The proxy's randomness (weighted splits, fault percentages, load balancing, backoff jitter), injected
/// so tests can seed it. Thread-safe: a seeded <see cref="Random"/> is not, so it is used under a lock.
/// </summary>
public sealed class RandomSource(Random? seeded = null)
{
    private readonly Random? _seeded = seeded;
    private readonly Lock _lock = new();

    public static RandomSource Shared { get; } = new();

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble()
    {
        if (_seeded is null) return Random.Shared.NextDouble();
        lock (_lock) return _seeded.NextDouble();
    }

    /// <summary>An int in [0, max).</summary>
    public int Next(int max)
    {
        if (_seeded is null) return Random.Shared.Next(max);
        lock (_lock) return _seeded.Next(max);
    }

    /// <summary>True with probability <paramref name="percent"/>/100.</summary>
    public bool Chance(double percent) => percent >= 100 || (percent > 0 && NextDouble() * 100 < percent);
}
