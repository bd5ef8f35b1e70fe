using Switchboard.Cli.Top;

namespace Switchboard.Cli.Tests.Top;

/// <summary>
/// sbctl x top's TCP rows from two fixed reads 10 s apart: new connections and bytes per second from the client side,
/// connections open at the later read (opened less closed), mTLS from the server side (whose caller is known only by
/// certificate, joined to the client's row by principal), and the table under the HTTP one.
/// </summary>
public sealed class TcpEdgesTests
{
    private const string Db = "source_workload=\"api\",source_workload_namespace=\"shop\",source_principal=\"cluster.local/ns/shop/sa/api\",destination_service=\"db.shop.svc.cluster.local\",destination_service_name=\"db\",destination_service_namespace=\"shop\"";

    // The server side of the same edge: a TCP connection carries no peer metadata, only the caller's certificate.
    private const string DbServerSide = "source_workload=\"unknown\",source_workload_namespace=\"shop\",source_principal=\"cluster.local/ns/shop/sa/api\",destination_service=\"db.shop.svc.cluster.local\",destination_service_name=\"db\",destination_service_namespace=\"shop\"";

    private static string Counter(string name, string pod, string reporter, string policy, double value) =>
        $"{name}{{namespace=\"shop\",pod=\"{pod}\",reporter=\"{reporter}\",{(reporter == "source" ? Db : DbServerSide)},connection_security_policy=\"{policy}\"}} {value}\n";

    private static string Up(string pod) => $"switchboard_proxy_scrape_up{{namespace=\"shop\",pod=\"{pod}\"}} 1\n";

    private static string Read(double opened, double closed, double received, double sent, double serverOpened) =>
        Up("api-1") + Up("db-1")
        + Counter("istio_tcp_connections_opened_total", "api-1", "source", "unknown", opened)
        + Counter("istio_tcp_connections_closed_total", "api-1", "source", "unknown", closed)
        + Counter("istio_tcp_received_bytes_total", "api-1", "source", "unknown", received)
        + Counter("istio_tcp_sent_bytes_total", "api-1", "source", "unknown", sent)
        + Counter("istio_tcp_connections_opened_total", "db-1", "destination", "mutual_tls", serverOpened);

    private static IReadOnlyList<TcpEdge> Edges() => TcpEdges.Between(
        MetricScrape.Parse(Read(opened: 10, closed: 8, received: 1000, sent: 50_000, serverOpened: 10), TimeSpan.FromSeconds(5)),
        MetricScrape.Parse(Read(opened: 30, closed: 25, received: 11_240, sent: 15_778_000, serverOpened: 30), TimeSpan.FromSeconds(15)));

    [Fact]
    public void Connections_open_connections_bytes_and_mtls_per_edge()
    {
        var edge = Assert.Single(Edges());
        Assert.Equal(("api.shop", "db.shop"), (edge.Source, edge.Destination));
        Assert.Equal(2, edge.ConnectionsPerSecond, precision: 9);            // 20 new in 10 s
        Assert.Equal(5, edge.Open);                                          // 30 opened, 25 closed
        Assert.Equal(1024, edge.BytesToDestinationPerSecond, precision: 9);  // received: the request direction
        Assert.Equal(1_572_800, edge.BytesFromDestinationPerSecond, precision: 9);
        Assert.Equal(MtlsState.All, edge.Mtls);
    }

    [Fact]
    public void The_tcp_table_follows_the_http_one_and_stands_alone_without_it()
    {
        var output = new StringWriter();
        TopTable.Write(output, [], Edges());
        Assert.Equal("""
            TCP SOURCE   DESTINATION   CONN/S   OPEN   TO DEST/S   FROM DEST/S   MTLS
            api.shop     db.shop       2.0      5      1KiB        1.5MiB        yes

            """, output.ToString());
        var none = new StringWriter();
        TopTable.Write(none, [], []);
        Assert.Equal("no traffic reported by any proxy yet\n", none.ToString());
    }
}
