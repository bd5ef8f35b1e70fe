using Switchboard.Config;
using Switchboard.Runtime.Network;

namespace Switchboard.Runtime.Up;

/// <summary>
/// The gateway Services' ports on the host's loopback while <c>sbctl up</c> runs (<see cref="GatewayExposurePlan"/>,
/// one <see cref="LoopbackForwarder"/> each), as an external client reaches them. Refreshed whenever gateway pods start
/// or stop and on every reconcile pass, so a gateway scaled or given a new template (new pods, new addresses) stays
/// reachable at the same host port; a port whose pods are all gone keeps listening and closes what it accepts until
/// some are back. A port already taken on the host is reported, not fatal.
/// </summary>
internal sealed class GatewayExposures(MeshEvents events, int offset) : IAsyncDisposable
{
    private readonly Dictionary<int, LoopbackForwarder> _forwarders = [];
    private readonly HashSet<int> _refused = [];
    private readonly Lock _lock = new();

    /// <summary>Exposes the ports of <paramref name="resources"/>' gateway Services, forwarding to <paramref name="running"/> gateway pods.</summary>
    public void Refresh(IReadOnlyList<Resource> resources, IReadOnlyList<PlannedPod> running)
    {
        lock (_lock)
        {
            var plan = GatewayExposurePlan.Plan(resources, running, offset);
            foreach (var exposure in plan)
            {
                if (_forwarders.TryGetValue(exposure.HostPort, out var forwarder))
                {
                    if (forwarder.Targets.SequenceEqual(exposure.Targets)) continue;
                    forwarder.Retarget(exposure.Targets);
                }
                else
                {
                    if (_refused.Contains(exposure.HostPort)) continue;
                    try
                    {
                        _forwarders[exposure.HostPort] = LoopbackForwarder.Start(exposure.HostPort, exposure.Targets);
                    }
                    catch (System.Net.Sockets.SocketException ex)
                    {
                        _refused.Add(exposure.HostPort);
                        events.Add($"gateway {exposure.Service} port {exposure.ServicePort}: not exposed, 127.0.0.1:{exposure.HostPort} is taken ({ex.SocketErrorCode})");
                        continue;
                    }
                }
                events.Add($"gateway {exposure.Service} port {exposure.ServicePort}: 127.0.0.1:{exposure.HostPort} -> {string.Join(", ", exposure.Targets)}");
            }
            foreach (var (port, forwarder) in _forwarders.Where(f => f.Value.Targets.Count > 0 && plan.All(e => e.HostPort != f.Key)))
            {
                forwarder.Retarget([]);
                events.Add($"gateway port 127.0.0.1:{port}: no gateway pod running behind it");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<LoopbackForwarder> forwarders;
        lock (_lock) forwarders = [.. _forwarders.Values];
        foreach (var forwarder in forwarders) await forwarder.DisposeAsync();
    }
}
