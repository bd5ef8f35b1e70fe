using System.Net;
using Switchboard.Runtime.Network;

namespace Switchboard.Runtime.Up;

/// <summary>
/// Hands out pod addresses in turn, as Kubernetes' host-local IPAM does: the next free one after the last handed out,
/// wrapping at the end of the range. A pod holds its address until its network is gone, so no two pods — a new one and
/// one still draining — ever share an address; and a released address is the last to come back, so a new pod does not
/// inherit the old one's address while callers may still hold connections (or ARP entries) for it. A /24 is reused
/// once pods are gone (it would otherwise run out after a few hundred scale-ups).
/// </summary>
public sealed class PodAddressPool(NetworkLayout layout)
{
    private readonly HashSet<IPAddress> _taken = [];
    private readonly Lock _lock = new();
    private readonly int _size = layout.PodAddressCount;
    private int _next;

    public IPAddress Take()
    {
        lock (_lock)
        {
            for (var i = 0; i < _size; i++)
            {
                var n = (_next + i) % _size;
                var address = layout.PodAddress(n);
                if (!_taken.Add(address)) continue;
                _next = (n + 1) % _size;
                return address;
            }
            throw new ArgumentOutOfRangeException(nameof(layout), $"the pod range of {layout.Gateway}/{layout.PrefixLength} is full");
        }
    }

    public void Release(IPAddress address)
    {
        lock (_lock) _taken.Remove(address);
    }
}
