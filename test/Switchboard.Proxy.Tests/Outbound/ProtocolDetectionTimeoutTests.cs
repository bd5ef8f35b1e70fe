namespace Switchboard.Proxy.Tests.Outbound;

/// <summary>
/// The mesh config's <c>protocolDetectionTimeout</c> on a captured connection to an undeclared port, with a real server
/// behind: it overrides the proxy's own default, and <c>0s</c> waits for the client's first bytes for ever, as Istio's
/// default does, instead of taking a silent client for TCP.
/// </summary>
public sealed class ProtocolDetectionTimeoutTests
{
    private readonly LoopbackCapture _capture = new();

    [Fact]
    public async Task The_mesh_configs_protocol_detection_timeout_of_zero_waits_for_the_client_as_istio_does()
    {
        using var banner = new BannerServer("hello from the server\n");
        var config = CapturedOutboundTests.Translate("""
            apiVersion: v1
            kind: ConfigMap
            metadata: { name: istio, namespace: istio-system }
            data:
              mesh: |
                protocolDetectionTimeout: 0s
            """);
        Assert.Equal(TimeSpan.Zero, config.ProtocolDetectionTimeout);
        // The proxy's own default here is 300 ms: the mesh config's zero overrides it, so a silent client is waited for.
        await using var proxy = await ProxyUnderTest.StartAsync(config, originalDestination: _capture.Read, detectionTimeout: TimeSpan.FromMilliseconds(300));
        using var client = await _capture.ConnectAsync(proxy.OutboundPort, banner.Endpoint);
        await Task.Delay(1500);
        Assert.Equal(0, banner.Accepted);
        // Once it speaks (HTTP), it is served as HTTP: the request reaches the destination through PassthroughCluster.
        await client.GetStream().WriteAsync("GET /late HTTP/1.1\r\nHost: late.example\r\nConnection: close\r\n\r\n"u8.ToArray());
        Assert.True(await Wait.Until(() => Task.FromResult(banner.Accepted == 1), seconds: 10), "the request never reached the destination");
    }
}
