using Switchboard.Cli.Top;

namespace Switchboard.Cli.Tests.Top;

/// <summary>
/// sbctl x top's numbers from two fixed reads of the merged view 10 s apart: rates from counter growth (a restarted
/// proxy counts from 0, a series that began since counts whole, a proxy missing from the first read is left out),
/// success and latency from the client side, mTLS from the server side, callers without a sidecar from the server side.
/// </summary>
public sealed class TrafficEdgesTests
{
    private const string Checkout = "source_workload=\"checkout\",source_workload_namespace=\"production\",destination_service=\"payment-service.production.svc.cluster.local\",destination_service_name=\"payment-service\",destination_service_namespace=\"production\"";
    private const string Outsider = "source_workload=\"unknown\",source_workload_namespace=\"unknown\",destination_service=\"payment-service.production.svc.cluster.local\",destination_service_name=\"payment-service\",destination_service_namespace=\"production\"";
    private const string Idle = "source_workload=\"checkout\",source_workload_namespace=\"production\",destination_service=\"ledger.production.svc.cluster.local\",destination_service_name=\"ledger\",destination_service_namespace=\"production\"";

    private static string Up(string pod, int up) => $"switchboard_proxy_scrape_up{{namespace=\"production\",pod=\"{pod}\"}} {up}\n";

    private static string Requests(string pod, string reporter, string edge, string code, string policy, double value) =>
        $"istio_requests_total{{namespace=\"production\",pod=\"{pod}\",reporter=\"{reporter}\",{edge},response_code=\"{code}\",connection_security_policy=\"{policy}\"}} {value}\n";

    private static string Bucket(string le, double value) =>
        $"istio_request_duration_milliseconds_bucket{{namespace=\"production\",pod=\"checkout-1\",reporter=\"source\",{Checkout},le=\"{le}\"}} {value}\n";

    private static readonly string Before =
        Up("checkout-1", 1) + Up("payment-a", 1) + Up("payment-b", 1) + Up("payment-c", 0)
        + Requests("checkout-1", "source", Checkout, "200", "unknown", 100)
        + Requests("checkout-1", "source", Idle, "200", "unknown", 7)
        + Requests("payment-a", "destination", Checkout, "200", "mutual_tls", 60)
        + Requests("payment-b", "destination", Checkout, "200", "mutual_tls", 500)
        + Requests("payment-a", "destination", Outsider, "200", "none", 30)
        + Bucket("5", 50) + Bucket("10", 100) + Bucket("+Inf", 100);

    private static readonly string After =
        Up("checkout-1", 1) + Up("payment-a", 1) + Up("payment-b", 1) + Up("payment-c", 1)
        + Requests("checkout-1", "source", Checkout, "200", "unknown", 290)   // +190
        + Requests("checkout-1", "source", Checkout, "503", "unknown", 10)    // began since: +10
        + Requests("checkout-1", "source", Idle, "200", "unknown", 7)         // +0
        + Requests("payment-a", "destination", Checkout, "200", "mutual_tls", 160) // +100
        + Requests("payment-b", "destination", Checkout, "200", "mutual_tls", 80)  // restarted: +80
        + Requests("payment-b", "destination", Checkout, "200", "none", 20)        // began since: +20
        + Requests("payment-c", "destination", Checkout, "200", "none", 1000)      // not read before: left out
        + Requests("payment-a", "destination", Outsider, "200", "none", 60)        // +30
        + Bucket("5", 150) + Bucket("10", 300) + Bucket("+Inf", 300);             // +100 ≤5ms, +100 in (5, 10]

    private static IReadOnlyList<TrafficEdge> Edges() =>
        TrafficEdges.Between(MetricScrape.Parse(Before, TimeSpan.FromSeconds(5)), MetricScrape.Parse(After, TimeSpan.FromSeconds(15)));

    [Fact]
    public void Edges_come_busiest_first()
    {
        Assert.Equal([("checkout.production", "payment-service.production"), ("unknown", "payment-service.production"), ("checkout.production", "ledger.production")],
            Edges().Select(e => (e.Source, e.Destination)));
    }

    [Fact]
    public void Rate_success_and_latency_come_from_the_callers_side()
    {
        var edge = Edges()[0];
        Assert.Equal(20, edge.RequestsPerSecond, precision: 9);          // 200 requests in 10 s
        Assert.Equal(0.95, edge.SuccessRate!.Value, precision: 9);       // 10 of them 503
        Assert.Equal(5, edge.P50!.Value, precision: 9);                  // rank 100: the top of (0, 5]
        Assert.Equal(9.5, edge.P95!.Value, precision: 9);                // rank 190: 90/100 into (5, 10]
        Assert.Equal(9.9, edge.P99!.Value, precision: 9);
    }

    [Fact]
    public void Mutual_TLS_is_what_the_servers_saw()
    {
        // The servers saw 100 + 80 over mTLS and 20 in plain text (payment-c's counts are not of this interval).
        var edge = Edges()[0];
        Assert.Equal(MtlsState.Partly, edge.Mtls);
        Assert.Equal(0.9, edge.MtlsShare, precision: 9);
    }

    [Fact]
    public void A_caller_without_a_sidecar_is_seen_from_the_server_side()
    {
        var edge = Edges()[1];
        Assert.Equal(3, edge.RequestsPerSecond, precision: 9);
        Assert.Equal(1, edge.SuccessRate);
        Assert.Equal(MtlsState.None, edge.Mtls);
        Assert.Null(edge.P50); // the fixture gives this edge no histogram
    }

    [Fact]
    public void An_idle_edge_shows_no_rate_and_nothing_to_judge()
    {
        var edge = Edges()[2];
        Assert.Equal(0, edge.RequestsPerSecond);
        Assert.Null(edge.SuccessRate);
        Assert.Null(edge.P99);
        Assert.Equal(MtlsState.Unknown, edge.Mtls);
    }

    [Fact]
    public void The_table_prints_one_row_per_edge()
    {
        var output = new StringWriter();
        TopTable.Write(output, Edges());
        Assert.Equal("""
            SOURCE                DESTINATION                  RPS    SUCCESS   P50   P95     P99     MTLS
            checkout.production   payment-service.production   20.0   95.00%    5ms   9.5ms   9.9ms   90%
            unknown               payment-service.production   3.0    100.00%   -     -       -       no
            checkout.production   ledger.production            0.0    -         -     -       -       -

            """, output.ToString());
    }
}
