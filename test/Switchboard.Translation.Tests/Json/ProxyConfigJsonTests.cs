using System.Text.Json;
using Switchboard.Translation.Json;
using Switchboard.Translation.ProxyConfig;
using ProxyConfigRecord = Switchboard.Translation.ProxyConfig.ProxyConfig;

namespace Switchboard.Translation.Tests.Json;

/// <summary>The config dump's shape: camelCase, nothing null or empty written, durations as protobuf JSON seconds.</summary>
public sealed class ProxyConfigJsonTests
{
    private static readonly ProxyNode Node = new() { Namespace = "production", Workload = "checkout" };

    [Theory]
    [InlineData(10_000, "10s")]
    [InlineData(50, "0.050s")]
    [InlineData(3_600_000, "3600s")]
    [InlineData(0, "0s")]
    [InlineData(1_500, "1.500s")]
    public void DurationsAreSecondsWithMillisecondPrecisionWhenNeeded(long milliseconds, string expected) =>
        Assert.Equal(expected, JsonParts.FormatDuration(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(15, "0.000001500s")]
    [InlineData(20, "0.000002s")]
    public void SubMillisecondDurationsKeepSixOrNineDigits(long ticks, string expected) =>
        Assert.Equal(expected, JsonParts.FormatDuration(TimeSpan.FromTicks(ticks)));

    [Fact]
    public void EmptyConfigWritesOnlyTheNode()
    {
        var json = ProxyConfigJson.Write(new ProxyConfigRecord { Node = Node });
        Assert.Equal("""
            {
              "node": {
                "namespace": "production",
                "workload": "checkout",
                "serviceAccount": "default"
              }
            }

            """.Replace("\r\n", "\n"), json);
    }

    [Fact]
    public void NullsEmptyListsEmptyHeaderChangesAndFalseFlagsAreLeftOut()
    {
        var config = new ProxyConfigRecord
        {
            Node = Node,
            RouteTables =
            [
                new RouteTable
                {
                    Name = "8080",
                    Port = 8080,
                    VirtualHosts =
                    [
                        new VirtualHost
                        {
                            Name = "a:8080",
                            Domains = ["a"],
                            Routes =
                            [
                                new Route
                                {
                                    // IgnoreCase false: not written.
                                    Matches = [new RouteMatch { Path = new StringMatcher(MatchKind.Prefix, "/x") }],
                                    Forward = new ForwardAction { Clusters = [new WeightedCluster { Cluster = "outbound|8080||a", Weight = 100 }], Retry = RetryPolicy.None },
                                },
                            ],
                        },
                    ],
                },
            ],
        };
        using var document = JsonDocument.Parse(ProxyConfigJson.Write(config));
        var route = document.RootElement.GetProperty("routeTables")[0].GetProperty("virtualHosts")[0].GetProperty("routes")[0];
        Assert.Equal(["name", "matches", "forward"], route.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["kind", "value"], route.GetProperty("matches")[0].GetProperty("path").EnumerateObject().Select(p => p.Name));
        Assert.Equal("prefix", route.GetProperty("matches")[0].GetProperty("path").GetProperty("kind").GetString());
        var cluster = route.GetProperty("forward").GetProperty("clusters")[0];
        Assert.Equal(["cluster", "weight"], cluster.EnumerateObject().Select(p => p.Name));
        // RetryPolicy.None: no perTryTimeout (null) and no retryOn / status codes (empty lists).
        Assert.Equal(["attempts", "baseBackoff", "retryOtherHosts"], route.GetProperty("forward").GetProperty("retry").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, route.GetProperty("forward").GetProperty("retry").GetProperty("attempts").GetInt32());
        Assert.False(document.RootElement.TryGetProperty("clusters", out _));
    }

    [Fact]
    public void MapsAreSortedAndEnumsCamelCase()
    {
        var config = new ProxyConfigRecord
        {
            Node = Node with { Labels = new Dictionary<string, string> { ["version"] = "v1", ["app"] = "checkout" } },
            Clusters =
            [
                new Cluster
                {
                    Name = "outbound|8080||a", Host = "a", Port = 8080,
                    LoadBalancer = new LoadBalancing { Algorithm = LbAlgorithm.RoundRobin },
                    Tls = new UpstreamTls { Mode = UpstreamTlsMode.IstioMutual },
                },
            ],
        };
        var json = ProxyConfigJson.Write(config);
        Assert.True(json.IndexOf("\"app\"", StringComparison.Ordinal) < json.IndexOf("\"version\"", StringComparison.Ordinal));
        Assert.Contains("\"algorithm\": \"roundRobin\"", json);
        Assert.Contains("\"mode\": \"istioMutual\"", json);
        Assert.Contains("\"discovery\": \"endpoints\"", json);
        Assert.Contains("\"maxConnections\": 4294967295", json);
        Assert.Contains("\"connectTimeout\": \"10s\"", json);
    }
}
