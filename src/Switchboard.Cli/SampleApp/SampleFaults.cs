namespace Switchboard.Cli.SampleApp;

/// <summary>
/// The sample workload's injected failures, decided per request: with probability <see cref="SampleAppSettings.ErrorRate"/>
/// the request is answered with the error code instead. The random source is injected (seeded in tests); a shared
/// <see cref="Random"/> is not thread-safe, and requests arrive concurrently, so draws are serialized.
/// </summary>
public sealed class SampleFaults(SampleAppSettings settings, Random random)
{
    private readonly Lock _gate = new();

    /// <summary>The latency to add before answering (every request).</summary>
    public TimeSpan Latency => settings.Latency;

    /// <summary>The status to fail this request with, or null to answer normally.</summary>
    public int? ErrorFor()
    {
        // No draw at the edges: rate 0 never fails and rate 1 always does, whatever the random source says.
        if (settings.ErrorRate <= 0) return null;
        if (settings.ErrorRate >= 1) return settings.ErrorCode;
        double draw;
        lock (_gate) draw = random.NextDouble();
        return draw < settings.ErrorRate ? settings.ErrorCode : null;
    }
}
