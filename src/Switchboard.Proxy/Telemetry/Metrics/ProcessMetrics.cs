using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// The proxy's own process metrics beside Istio's (Prometheus' conventional names, as Envoy's and every Go exporter
/// serve them), so a dashboard can show what the sidecar itself costs.
/// </summary>
internal static class ProcessMetrics
{
    private static readonly double StartSeconds = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;

    public static string Render()
    {
        var sb = new StringBuilder();
        using var process = Process.GetCurrentProcess();
        sb.Append(CultureInfo.InvariantCulture, $"# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total {process.TotalProcessorTime.TotalSeconds}\n");
        sb.Append(CultureInfo.InvariantCulture, $"# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes {process.WorkingSet64}\n");
        sb.Append(CultureInfo.InvariantCulture, $"# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds {StartSeconds}\n");
        sb.Append(CultureInfo.InvariantCulture, $"# TYPE process_open_fds gauge\nprocess_open_fds {OpenFiles()}\n");
        return sb.ToString();
    }

    private static int OpenFiles()
    {
        try
        {
            return Directory.GetFiles("/proc/self/fd").Length;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
