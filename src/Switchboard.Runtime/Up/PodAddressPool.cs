using System.Net;
using Switchboard.Runtime.Network;

namespace Switchboard.Runtime.Up;

/// <summary>
/// Hands out pod addresses: the lowest one no pod holds. A pod holds its address until its network is gone, so no two
/// pods — a new one and one still draining — ever share an address, and the range is reused once pods are gone (a
/// /24 would otherwise run out after a few hundred scale-ups).
/// </summary>
public sealed class PodAddressPool(NetworkLayout layout)
{
    private readonly HashSet<IPAddress> _taken = [];
    private readonly Lock _lock = new();

    public IPAddress Take()
    {
        lock (_lock)
        {
            var n = 0;
            while (_taken.Contains(layout.PodAddress(n))) n++; // PodAddress throws once the range is full
            var address = layout.PodAddress(n);
            _taken.Add(address);
            return address;
        }
    }

    public void Release(IPAddress address)
    {
        lock (_lock) _taken.Remove(address);
    }
}
