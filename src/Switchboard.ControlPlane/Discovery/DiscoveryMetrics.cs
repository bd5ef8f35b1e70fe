using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Switchboard.ControlPlane.Discovery;

/// <summary>
/// Control-plane metrics under Istio's names, so istiod dashboards and alerts carry over: connected proxies
/// (<c>pilot_xds</c>), pushes per type (<c>pilot_xds_pushes</c>), rejected configs (<c>pilot_total_xds_rejects</c>),
/// the time to build and send a push (<c>pilot_xds_push_time</c>), and the time from a config change until a proxy
/// holds all of it (<c>pilot_proxy_convergence_time</c>, here measured to the proxy's last ACK), all in seconds.
/// </summary>
public sealed class DiscoveryMetrics
{
    // Istio's buckets for both histograms.
    private static readonly double[] Buckets = [0.01, 0.1, 1, 3, 5, 10, 20, 30];
    private readonly ConcurrentDictionary<string, long> _pushes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _rejects = new(StringComparer.Ordinal);
    private readonly Histogram _pushTime = new("pilot_xds_push_time", Buckets);
    private readonly Histogram _convergence = new("pilot_proxy_convergence_time", Buckets);

    public void Pushed(string type) => _pushes.AddOrUpdate(type, 1, (_, n) => n + 1);

    public void Rejected(string type) => _rejects.AddOrUpdate(type, 1, (_, n) => n + 1);

    public void PushTook(TimeSpan elapsed) => _pushTime.Observe(elapsed);

    public void Converged(TimeSpan elapsed) => _convergence.Observe(elapsed);

    public string Render(int connected)
    {
        var sb = new StringBuilder();
        sb.Append("# TYPE pilot_xds gauge\n").Append(CultureInfo.InvariantCulture, $"pilot_xds {connected}\n");
        sb.Append("# TYPE pilot_xds_pushes counter\n");
        foreach (var (type, n) in _pushes.OrderBy(p => p.Key, StringComparer.Ordinal)) sb.Append(CultureInfo.InvariantCulture, $"pilot_xds_pushes{{type=\"{type}\"}} {n}\n");
        sb.Append("# TYPE pilot_total_xds_rejects counter\n");
        foreach (var (type, n) in _rejects.OrderBy(p => p.Key, StringComparer.Ordinal)) sb.Append(CultureInfo.InvariantCulture, $"pilot_total_xds_rejects{{type=\"{type}\"}} {n}\n");
        _pushTime.Render(sb);
        _convergence.Render(sb);
        return sb.ToString();
    }
}
