namespace Switchboard.Runtime.Capture;

/// <summary>The proxy's ports and user that capture has to know about (DESIGN §2; Istio's numbers so Istio knowledge transfers).</summary>
public static class ProxyPorts
{
    public const int ProxyUid = 1337;
    public const int OutboundCapture = 15001;
    public const int InboundCapture = 15006;

    /// <summary>
    /// Inbound ports never captured, whatever the pod says. 15008 (HBONE tunnel) is excluded by istio-iptables itself; 15090
    /// (Prometheus), 15021 (readiness) and 15020 (agent status) are added by Istio's injector to every pod's exclusions. 15000 is
    /// ours (DESIGN §3): the admin port listens on loopback only, and capturing it would let the inbound listener forward a remote
    /// caller to 127.0.0.1:15000, i.e. expose /quitquitquit.
    /// </summary>
    public static IReadOnlyList<int> NeverCapturedInbound { get; } = [15008, 15090, 15021, 15020, 15000];
}
