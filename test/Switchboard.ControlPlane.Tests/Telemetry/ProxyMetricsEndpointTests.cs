using Switchboard.ControlPlane.Discovery;
using Switchboard.ControlPlane.Telemetry;
using Switchboard.Discovery.Protocol;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.ControlPlane.Tests.Telemetry;

/// <summary>Where the merged view scrapes a proxy: its bound port on its workload's address, never a host it merely names.</summary>
public sealed class ProxyMetricsEndpointTests
{
    [Theory]
    // A sidecar bound to every address (sbctl up): scraped on its pod's address from the store, on the port it bound.
    [InlineData("http://0.0.0.0:15090", "198.18.0.12", "", "http://198.18.0.12:15090/stats/prometheus")]
    [InlineData("http://[::]:15091", "198.18.0.12", "", "http://198.18.0.12:15091/stats/prometheus")]
    // No pod in the store: the address the proxy gave.
    [InlineData("http://0.0.0.0:15090", null, "10.0.0.4", "http://10.0.0.4:15090/stats/prometheus")]
    // Bound to loopback (a proxy on this machine, as in tests) or to exactly its own address: there.
    [InlineData("http://127.0.0.1:41234", "127.0.0.5", "", "http://127.0.0.1:41234/stats/prometheus")]
    [InlineData("http://198.18.0.12:15090", "198.18.0.12", "", "http://198.18.0.12:15090/stats/prometheus")]
    // Naming some other host: not scraped (no proxy can aim the control plane elsewhere).
    [InlineData("http://203.0.113.9:15090", "198.18.0.12", "", null)]
    [InlineData("https://0.0.0.0:15090", null, "", null)]
    // An older proxy that did not say: Istio's port on its address, if it has one.
    [InlineData("", "198.18.0.12", "", "http://198.18.0.12:15090/stats/prometheus")]
    [InlineData("", null, "", null)]
    [InlineData("http://0.0.0.0:15090", null, "", null)]
    public void Scrapes_the_bound_port_on_the_workloads_address(string bound, string? podIp, string nodeIp, string? expected)
    {
        var connection = new ProxyConnection(new Node { Namespace = "production", Workload = "payment-0", Ip = nodeIp, Metrics = bound }, null!, new DiscoveryMetrics(),
            TimeProvider.System, new SemaphoreSlim(1))
        {
            Self = podIp is null ? null : new ProxyNode { Namespace = "production", Workload = "payment-0", Ip = podIp },
        };
        Assert.Equal(expected, ProxyMetricsEndpoint.For(connection)?.ToString());
    }
}
