using System.Globalization;
using GoDuration = Switchboard.Config.Types.Duration;

namespace Switchboard.Cli.Load;

/// <summary>
/// One load run of <c>sbctl x load</c>: where, how (method, headers), how fast (<see cref="Rps"/> requests per second
/// for <see cref="Duration"/>), how many at once at most, and how long one request may take. Bounded so a typo cannot
/// turn a demo into a flood: at most <see cref="MaxRps"/> for at most <see cref="MaxDuration"/>.
/// </summary>
public sealed record LoadOptions(Uri Url, int Rps, TimeSpan Duration, HttpMethod Method, IReadOnlyList<KeyValuePair<string, string>> Headers, int Concurrency, TimeSpan Timeout)
{
    public const int MaxRps = 10_000;
    public const int MaxConcurrency = 1_000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(1);

    /// <summary>How many requests the run sends: rate × duration, at least one.</summary>
    public long Requests => Math.Max(1, (long)Math.Round(Rps * Duration.TotalSeconds));

    /// <summary>Options from the command line's words; every bad one is reported, not only the first.</summary>
    public static (LoadOptions? Options, IReadOnlyList<string> Errors) Parse(
        string url, int rps, string duration, IReadOnlyList<string> headers, string method, int concurrency, string timeout)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            errors.Add($"URL \"{url}\" must be an absolute http:// or https:// URL");
        if (rps is < 1 or > MaxRps) errors.Add($"--rps {rps} must be from 1 to {MaxRps}");
        var length = Within("--duration", duration, TimeSpan.FromMilliseconds(1), MaxDuration, errors);
        var parsedHeaders = new List<KeyValuePair<string, string>>();
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':');
            var name = colon < 0 ? "" : header[..colon].Trim();
            if (name.Length == 0 || !name.All(IsTokenChar)) errors.Add($"--header \"{header}\" must be NAME:VALUE (e.g. x-user-type:beta)");
            else parsedHeaders.Add(new(name, header[(colon + 1)..].Trim()));
        }
        if (method.Length == 0 || !method.All(IsTokenChar)) errors.Add($"--method \"{method}\" is not an HTTP method");
        if (concurrency is < 1 or > MaxConcurrency) errors.Add($"--concurrency {concurrency} must be from 1 to {MaxConcurrency}");
        var perRequest = Within("--timeout", timeout, TimeSpan.FromMilliseconds(1), MaxTimeout, errors);
        if (errors.Count > 0) return (null, errors);
        return (new LoadOptions(target!, rps, length, HttpMethod.Parse(method.ToUpperInvariant()), parsedHeaders, concurrency, perRequest), errors);
    }

    private static TimeSpan Within(string flag, string text, TimeSpan min, TimeSpan max, List<string> errors)
    {
        if (!GoDuration.TryParse(text, out var parsed, out var why))
        {
            errors.Add($"{flag} \"{text}\": {why} (e.g. 5s, 500ms, 2m)");
            return TimeSpan.Zero;
        }
        if (parsed.Value < min || parsed.Value > max)
            errors.Add($"{flag} {text} must be from {Format(min)} to {Format(max)}");
        return parsed.Value;
    }

    private static string Format(TimeSpan value) => value.TotalMinutes >= 1 ? $"{value.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m" : $"{value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";

    // RFC 9110 §5.6.2 token characters: what header names and methods are made of.
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}
