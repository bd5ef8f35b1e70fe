using Switchboard.Config;
using Switchboard.Runtime.Network;

namespace Switchboard.Runtime.Up;

/// <summary>
/// The gateway Services' ports on the host's loopback while <c>sbctl up</c> runs (<see cref="GatewayExposurePlan"/>,
/// one <see cref="LoopbackForwarder"/> each), as an external client reaches them. A port already taken on the host is
/// reported, not fatal.
/// </summary>
internal sealed class GatewayExposures(MeshEvents events) : IAsyncDisposable
{
    private readonly List<LoopbackForwarder> _forwarders = [];

    public void Expose(IReadOnlyList<Resource> resources, IReadOnlyList<PlannedPod> pods, int offset)
    {
        foreach (var exposure in GatewayExposurePlan.Plan(resources, pods, offset))
        {
            try
            {
                _forwarders.Add(LoopbackForwarder.Start(exposure.HostPort, exposure.Targets));
                events.Add($"gateway {exposure.Service} port {exposure.ServicePort}: 127.0.0.1:{exposure.HostPort} -> {string.Join(", ", exposure.Targets)}");
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                events.Add($"gateway {exposure.Service} port {exposure.ServicePort}: not exposed, 127.0.0.1:{exposure.HostPort} is taken ({ex.SocketErrorCode})");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var forwarder in _forwarders) await forwarder.DisposeAsync();
    }
}
