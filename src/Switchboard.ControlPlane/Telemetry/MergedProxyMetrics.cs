using Switchboard.ControlPlane.Discovery;

namespace Switchboard.ControlPlane.Telemetry;

/// <summary>
/// The merged view of the mesh's traffic an operator gets without running Prometheus (what <c>sbctl x top</c> reads):
/// on each request, every connected proxy's <c>/stats/prometheus</c> is scraped at once (each with a short timeout, so
/// one stuck proxy delays the answer by at most that), its <c>istio_*</c> families are kept with <c>pod</c> and
/// <c>namespace</c> labels added, and <c>switchboard_proxy_scrape_up</c> says per proxy whether its scrape worked (a
/// reader computing rates must not take a proxy that was missing from one scrape for one whose counters reset).
/// </summary>
public sealed class MergedProxyMetrics(HttpClient http, TimeSpan timeout)
{
    /// <summary>The gauge that says, per proxy, whether this view holds its metrics.</summary>
    public const string ScrapeUp = "switchboard_proxy_scrape_up";

    public async Task<string> RenderAsync(IEnumerable<ProxyConnection> connections, CancellationToken token)
    {
        // A proxy that reconnected may briefly have two streams: scrape it once.
        var proxies = connections.GroupBy(c => c.Id, StringComparer.Ordinal).Select(g => g.Last()).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var scrapes = await Task.WhenAll(proxies.Select(p => ScrapeAsync(p, token)));
        var families = new MetricFamilies("istio_");
        for (var i = 0; i < proxies.Count; i++)
        {
            var labels = $"{MetricFamilies.Label("namespace", proxies[i].Node.Namespace)},{MetricFamilies.Label("pod", proxies[i].Node.Workload)}";
            if (scrapes[i] is { } text) families.Add(text, labels);
            families.Gauge(ScrapeUp, labels, scrapes[i] is null ? 0 : 1);
        }
        return families.Render();
    }

    private async Task<string?> ScrapeAsync(ProxyConnection proxy, CancellationToken token)
    {
        if (ProxyMetricsEndpoint.For(proxy) is not { } url) return null;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(url, deadline.Token);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(deadline.Token) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !token.IsCancellationRequested)
        {
            return null;
        }
    }
}
