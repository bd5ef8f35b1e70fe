using System.CommandLine;
using System.Diagnostics;
using Switchboard.Cli.Top;
using GoDuration = Switchboard.Config.Types.Duration;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl x top [--controlplane URL] [--interval 2s] [--once]</c>: the mesh's golden signals in the terminal, without
/// Prometheus — per edge (source workload → destination service) requests/s, success rate, p50/p95/p99 and mTLS (and for
/// TCP, connections/s, open connections, bytes/s each way and mTLS),
/// from two reads of the control plane's merged proxy metrics (<c>/metrics/proxies</c>) an interval apart; then again
/// every interval until Ctrl-C, or once with <c>--once</c>.
/// </summary>
public static class TopCommand
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(10);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var address = ControlPlaneClient.AddressOption();
        var interval = new Option<string>("--interval") { Description = "Time between the two reads a row is computed from, e.g. 2s", DefaultValueFactory = _ => "2s" };
        var once = new Option<bool>("--once") { Description = "Print one table and exit" };
        var command = new Command("top", "Per service edge: requests/s, success rate, p50/p95/p99 latency and mTLS (TCP: connections and bytes), from the proxies' metrics") { address, interval, once };
        command.SetAction(async (parse, token) =>
        {
            var text = parse.GetValue(interval)!;
            if (!GoDuration.TryParse(text, out var parsed, out var why) || parsed.Value < MinInterval || parsed.Value > MaxInterval)
            {
                error.WriteLine($"error: --interval \"{text}\": {(why is { Length: > 0 } ? why : "must be from 100ms to 10m")} (e.g. 2s)");
                return ExitCodes.Usage;
            }
            var url = $"{ControlPlaneClient.Address(parse.GetValue(address))}/metrics/proxies";
            var clock = Stopwatch.StartNew();
            var before = await ReadAsync(url, clock, error);
            if (before is null) return ExitCodes.Unknown;
            try
            {
                while (true)
                {
                    await Task.Delay(parsed.Value, token);
                    var after = await ReadAsync(url, clock, error);
                    if (after is null) return ExitCodes.Unknown;
                    var edges = TrafficEdges.Between(before, after);
                    var tcp = TcpEdges.Between(before, after);
                    if (!parse.GetValue(once)) output.WriteLine($"-- {TimeProvider.System.GetUtcNow():HH:mm:ss} UTC, over {parsed.Value.TotalSeconds:0.#}s");
                    TopTable.Write(output, edges, tcp);
                    if (parse.GetValue(once)) return ExitCodes.Ok;
                    output.WriteLine();
                    before = after;
                }
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Ok; // Ctrl-C ends watching
            }
        });
        return command;
    }

    private static async Task<MetricScrape?> ReadAsync(string url, Stopwatch clock, TextWriter error)
    {
        var (status, body) = await ControlPlaneClient.SendAsync(HttpMethod.Get, url);
        if (status == 200) return MetricScrape.Parse(body, clock.Elapsed);
        error.WriteLine($"error: {(status == 0 ? body : $"{url} answered {status}: {body.Trim()}")}");
        return null;
    }
}
