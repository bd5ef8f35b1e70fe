using Switchboard.Cli.Output;
using Switchboard.Runtime.Up;

namespace Switchboard.Cli.Tests.Output;

/// <summary><c>sbctl up</c>'s live table: kubectl's columns, the newest events, what to try next, and how it refreshes.</summary>
public sealed class PodTableTests
{
    private static readonly PodStatus Checkout = new("production", "checkout-9f8e7d6c5b-q7w2z", 2, 2, "Running", 0, "198.18.0.11", "v1");
    private static readonly PodStatus Payment = new("production", "payment-service-v2-1a2b3c4d5e-x2k4q", 1, 2, "CrashLoopBackOff", 3, "198.18.0.12", "");

    [Fact]
    public void The_table_has_kubectls_columns_and_the_events_below() => Assert.Equal(
        """
        NAMESPACE    POD                                   READY   STATUS             RESTARTS   IP            VERSION
        production   checkout-9f8e7d6c5b-q7w2z             2/2     Running            0          198.18.0.11   v1
        production   payment-service-v2-1a2b3c4d5e-x2k4q   1/2     CrashLoopBackOff   3          198.18.0.12   <none>

        EVENTS
        12:00:01 started production/checkout-9f8e7d6c5b-q7w2z (198.18.0.11)

        """.Replace("\r\n", "\n"),
        PodTable.Render([Checkout, Payment], ["12:00:01 started production/checkout-9f8e7d6c5b-q7w2z (198.18.0.11)"]));

    [Fact]
    public void No_pods_says_so() => Assert.Equal("No pods.\n", PodTable.Render([], []));

    [Fact]
    public void Try_next_calls_a_service_from_a_running_pod_with_a_sidecar_and_names_a_non_default_control_plane()
    {
        var gateway = new PodStatus("istio-system", "istio-ingressgateway-0a1b2c3d4e-bcdfg", 1, 1, "Running", 0, "198.18.0.10", "");
        var text = PodTable.TryNext([gateway, Payment, Checkout], "payment-service.production:8080", 23014);
        Assert.Contains("  sbctl get pods -A -o wide --controlplane http://127.0.0.1:23014\n", text);
        Assert.Contains("  sbctl exec production/checkout-9f8e7d6c5b-q7w2z -- curl -s http://payment-service.production:8080/\n", text);
        Assert.Contains("sbctl x load http://payment-service.production:8080/", text);
        Assert.Contains("Ctrl-C", text);
        Assert.DoesNotContain("--controlplane", PodTable.TryNext([Checkout], null, 15014));
        Assert.DoesNotContain("sbctl exec", PodTable.TryNext([Payment], "x:1", 15014));
    }

    [Fact]
    public void Off_a_terminal_a_frame_is_written_only_when_it_changed()
    {
        var output = new StringWriter();
        var view = new LiveView(output, terminal: false);
        Assert.True(view.Show("a\n"));
        Assert.False(view.Show("a\n"));
        Assert.True(view.Show("b\n"));
        Assert.Equal("a\n\nb\n", output.ToString());
    }

    [Fact]
    public void On_a_terminal_a_frame_replaces_the_last_counting_the_rows_long_lines_wrap_onto()
    {
        var output = new StringWriter();
        var view = new LiveView(output, terminal: true, () => 10);
        view.Show("short\n" + new string('x', 25) + "\n"); // 1 row + 3 rows at 10 columns
        view.Show("next\n");
        Assert.Equal("short\n" + new string('x', 25) + "\n\u001b[4F\u001b[Jnext\n", output.ToString());
    }
}
