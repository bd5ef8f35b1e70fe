using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Clusters;

namespace Switchboard.Proxy.LoadBalancing;

/// <summary>ROUND_ROBIN: each endpoint in turn.</summary>
internal sealed class RoundRobinBalancer : ILoadBalancer
{
    private int _next = -1;

    public EndpointRuntime? Pick(IReadOnlyList<EndpointRuntime> endpoints, HttpContext context, IReadOnlyCollection<EndpointRuntime> exclude)
    {
        var candidates = Candidates.Of(endpoints, exclude);
        if (candidates.Count == 0) return null;
        var i = (int)((uint)Interlocked.Increment(ref _next) % (uint)candidates.Count);
        return candidates[i];
    }
}
