using System.Text.Json;
using Switchboard.Cli.Output;

namespace Switchboard.Cli.Tests.Output;

/// <summary>proxy-config's listener table over a config dump with opaque-TCP services.</summary>
public sealed class ProxyConfigTablesTests
{
    [Fact]
    public void Listener_rows_show_sni_limited_routes_then_the_one_for_everything_else()
    {
        using var dump = JsonDocument.Parse("""
            {"tcpServices": [{"name": "storefront.internal:443", "port": 443, "routes": [
              {"name": "tls-0", "sniHosts": ["beta.storefront.internal"], "clusters": [{"cluster": "outbound|443||storefront-beta.internal", "weight": 100}]},
              {"name": "default", "clusters": [{"cluster": "outbound|443||storefront.internal", "weight": 100}]}]}]}
            """);
        var output = new StringWriter();
        ProxyConfigTables.Write(output, dump.RootElement, "listener", new TableFilter());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches("^0\\.0\\.0\\.0 +443 +SNI: beta\\.storefront\\.internal +Cluster: outbound\\|443\\|\\|storefront-beta\\.internal", lines[1]);
        Assert.Matches("^0\\.0\\.0\\.0 +443 +TCP storefront\\.internal:443 +Cluster: outbound\\|443\\|\\|storefront\\.internal", lines[2]);
    }
}
