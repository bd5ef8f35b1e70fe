namespace Switchboard.Cli.Load;

/// <summary>
/// The outcomes of a run as they arrive, from many requests at once: counts per status and per <see cref="ResponseKey"/>,
/// and the latency of every answered request. Turned into an immutable <see cref="LoadReport"/> at the end.
/// </summary>
public sealed class LoadTally
{
    /// <summary>The status of a request that got no HTTP answer (connection refused, reset, …).</summary>
    public const string Error = "error";

    /// <summary>The status of a request that got no answer within its timeout.</summary>
    public const string Timeout = "timeout";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _responses = new(StringComparer.Ordinal);
    private readonly List<TimeSpan> _latencies = [];

    /// <summary>An answered request: its status code, the key of its body and how long it took.</summary>
    public void Answered(int status, string responseKey, TimeSpan latency)
    {
        lock (_gate)
        {
            Count(_statuses, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Count(_responses, responseKey);
            _latencies.Add(latency);
        }
    }

    /// <summary>A request with no answer: <see cref="Error"/> or <see cref="Timeout"/>, and why (grouped with the responses).</summary>
    public void Failed(string status, string reason)
    {
        lock (_gate)
        {
            Count(_statuses, status);
            Count(_responses, $"({reason})");
        }
    }

    public LoadReport Report(LoadOptions options, TimeSpan elapsed, bool stopped)
    {
        lock (_gate)
        {
            var latencies = _latencies.Order().ToList();
            return new LoadReport(options, _statuses.Values.Sum(), elapsed, stopped, Rows(_statuses, StatusOrder), Rows(_responses, r => r), latencies);
        }
    }

    private static void Count(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    // Numeric statuses in order, then error and timeout: the table reads like an access-log summary.
    private static string StatusOrder(string status) => status.Length == 3 && status.All(char.IsAsciiDigit) ? "0" + status : "1" + status;

    private static IReadOnlyList<LoadRow> Rows(Dictionary<string, long> counts, Func<string, string> order) =>
        [.. counts.OrderBy(c => order(c.Key), StringComparer.Ordinal).Select(c => new LoadRow(c.Key, c.Value))];
}
