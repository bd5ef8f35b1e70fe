using System.Globalization;
using Switchboard.Config.Types;

namespace Switchboard.Cli.SampleApp;

/// <summary>
/// What the sample workload answers and how badly it behaves: its service, version and pod (the pod from
/// <c>POD_NAME</c>, else <c>HOSTNAME</c>, as <c>sbctl up</c> and Kubernetes set them), the fraction of requests it fails
/// with <see cref="ErrorCode"/>, and the latency it adds before every answer.
/// </summary>
public sealed record SampleAppSettings(string Name, string Version, string Pod, double ErrorRate, int ErrorCode, TimeSpan Latency)
{
    /// <summary>The first line of every answer: <c>SERVICE VERSION POD</c> (no pod when none is known).</summary>
    public string Identity => Pod.Length == 0 ? $"{Name} {Version}" : $"{Name} {Version} {Pod}";

    /// <summary>
    /// Settings from the command line, each falling back to its environment variable (<c>ERROR_RATE</c>,
    /// <c>ERROR_CODE</c>, <c>LATENCY</c>): a Deployment sets env, a shell sets flags. Every bad value is reported, not only the first.
    /// </summary>
    public static (SampleAppSettings? Settings, IReadOnlyList<string> Errors) Resolve(
        string name, string version, string? errorRate, string? errorCode, string? latency, Func<string, string?> environment)
    {
        var errors = new List<string>();
        var pod = NonEmpty(environment("POD_NAME")) ?? NonEmpty(environment("HOSTNAME")) ?? "";

        var rate = 0.0;
        if ((errorRate ?? NonEmpty(environment("ERROR_RATE"))) is { } rateText
            && (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || rate is < 0 or > 1 || double.IsNaN(rate)))
            errors.Add($"error rate \"{rateText}\" must be a fraction from 0 to 1 (--error-rate or ERROR_RATE)");

        var code = 500;
        if ((errorCode ?? NonEmpty(environment("ERROR_CODE"))) is { } codeText
            && (!int.TryParse(codeText, NumberStyles.None, CultureInfo.InvariantCulture, out code) || code is < 100 or > 599))
            errors.Add($"error code \"{codeText}\" must be an HTTP status from 100 to 599 (--error-code or ERROR_CODE)");

        var delay = TimeSpan.Zero;
        if ((latency ?? NonEmpty(environment("LATENCY"))) is { } latencyText)
        {
            if (!Duration.TryParse(latencyText, out var parsed, out var why)) errors.Add($"latency \"{latencyText}\": {why} (--latency or LATENCY, e.g. 50ms)");
            else if (parsed.Value < TimeSpan.Zero || parsed.Value > TimeSpan.FromMinutes(1)) errors.Add($"latency \"{latencyText}\" must be from 0 to 1m (--latency or LATENCY)");
            else delay = parsed.Value;
        }
        return errors.Count > 0 ? (null, errors) : (new SampleAppSettings(name, version, pod, rate, code, delay), errors);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
