namespace Switchboard.Identity.Tests.Support;

/// <summary>A clock that moves only when told: certificate times are asserted to the second.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>A whole-second instant (X.509 times have second precision).</summary>
    public static ManualClock At(int year = 2026, int month = 11, int day = 26, int hour = 12) => new(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero));

    /// <summary>The real time, truncated to the second, for tests that also talk to something using the real clock (openssl, TLS).</summary>
    public static ManualClock AtRealNow()
    {
        var now = System.GetUtcNow();
        return new ManualClock(new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero));
    }

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
