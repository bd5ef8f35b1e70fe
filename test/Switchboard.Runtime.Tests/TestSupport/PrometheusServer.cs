using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Switchboard.Runtime.Tests.TestSupport;

/// <summary>One scrape target: an address and the labels Prometheus puts on its series (as Kubernetes discovery would: pod, namespace).</summary>
internal sealed record ScrapeTarget(string Address, IReadOnlyDictionary<string, string> Labels);

/// <summary>One element of an instant vector answered by the HTTP API: the series' labels and its value.</summary>
internal sealed record PromSample(IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// Debian's <c>prometheus</c> for a test: on 127.0.0.1 at a free port, with a generated config that scrapes the given
/// targets' <c>/stats/prometheus</c> every second into a temporary data directory. Queried through its HTTP API
/// (<c>/api/v1/query</c>) as any dashboard would. Disposing kills this one process (by its handle) and removes the
/// config and data directory.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;
    private readonly DirectoryInfo _dir;
    private readonly StringBuilder _log = new();

    private PrometheusServer(Process process, DirectoryInfo dir, string url)
    {
        _process = process;
        _dir = dir;
        Url = url;
    }

    /// <summary>The base URL of its HTTP API.</summary>
    public string Url { get; }

    /// <summary>What Prometheus printed so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>Starts Prometheus scraping <paramref name="targets"/> and returns once it answers <c>/-/ready</c>.</summary>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyList<ScrapeTarget> targets, CancellationToken token)
    {
        var dir = Directory.CreateTempSubdirectory("sb-prometheus-");
        var config = Path.Combine(dir.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, Config(targets), token);
        var port = HostPorts.FreePort();
        var info = new ProcessStartInfo("prometheus")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir.FullName, "data")}",
                     $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"])
            info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("prometheus did not start");
        var server = new PrometheusServer(process, dir, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (!token.IsCancellationRequested && !process.HasExited)
        {
            try
            {
                if ((await Http.GetAsync($"{server.Url}/-/ready", token)).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100, token);
        }
        var log = server.Log;
        await server.DisposeAsync();
        throw new InvalidOperationException($"prometheus did not get ready: {log}");
    }

    /// <summary>An instant query (<c>/api/v1/query</c>); its vector's samples (a scalar answer is one sample without labels).</summary>
    public async Task<IReadOnlyList<PromSample>> QueryAsync(string promql, CancellationToken token)
    {
        var body = await Http.GetStringAsync($"{Url}/api/v1/query?query={Uri.EscapeDataString(promql)}", token);
        using var doc = JsonDocument.Parse(body);
        var data = doc.RootElement.GetProperty("data");
        var result = data.GetProperty("result");
        if (data.GetProperty("resultType").GetString() == "scalar") return [new PromSample(new Dictionary<string, string>(), Value(result))];
        return result.EnumerateArray().Select(e => new PromSample(
            e.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal),
            Value(e.GetProperty("value")))).ToList();
    }

    /// <summary>The single value of a query that sums to one sample; 0 when the vector is empty (no such series).</summary>
    public async Task<double> ScalarAsync(string promql, CancellationToken token) =>
        (await QueryAsync(promql, token)) is [var one] ? one.Value : 0;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _dir.Delete(recursive: true);
    }

    /// <summary>
    /// The scrape config: every second (so a test of a few seconds has samples), Istio's metrics path, one static
    /// group per target so each carries its own pod and namespace labels.
    /// </summary>
    private static string Config(IReadOnlyList<ScrapeTarget> targets)
    {
        var sb = new StringBuilder();
        sb.Append("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n");
        sb.Append("scrape_configs:\n- job_name: sidecars\n  metrics_path: /stats/prometheus\n  static_configs:\n");
        foreach (var target in targets)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  - targets: ['{target.Address}']\n    labels:\n");
            foreach (var (name, value) in target.Labels) sb.Append(CultureInfo.InvariantCulture, $"      {name}: '{value}'\n");
        }
        return sb.ToString();
    }

    /// <summary>A sample's <c>[time, "value"]</c> pair.</summary>
    private static double Value(JsonElement pair) => double.Parse(pair[1].GetString()!, CultureInfo.InvariantCulture);

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }
}
