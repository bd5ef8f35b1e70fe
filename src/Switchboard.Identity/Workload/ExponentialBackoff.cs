namespace Switchboard.Identity.Workload;

/// <summary>
/// Retry delays for calls to the CA: nominally 100 ms doubling up to 30 s, each drawn uniformly from the upper half
/// of the nominal ("equal jitter", https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), so a
/// fleet of proxies that lost the CA together does not return in step, while one proxy's delays never shrink
/// before the cap. Not thread-safe: one sequence of attempts owns one instance.
/// </summary>
public sealed class ExponentialBackoff(Func<double> random, TimeSpan? initial = null, TimeSpan? max = null)
{
    public static readonly TimeSpan DefaultInitial = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan DefaultMax = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _initial = initial ?? DefaultInitial;
    private readonly TimeSpan _max = max ?? DefaultMax;
    private TimeSpan _nominal = initial ?? DefaultInitial;

    /// <summary>The delay before the next attempt, in [nominal/2, nominal); the nominal then doubles, up to the maximum.</summary>
    public TimeSpan Next()
    {
        var delay = _nominal * (0.5 + random() / 2);
        _nominal = _nominal * 2 < _max ? _nominal * 2 : _max;
        return delay;
    }

    /// <summary>Back to the initial delay, after a success.</summary>
    public void Reset() => _nominal = _initial;
}
