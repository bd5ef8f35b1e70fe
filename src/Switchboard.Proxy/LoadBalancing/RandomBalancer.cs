using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Clusters;
using Switchboard.Proxy.Runtime;

namespace Switchboard.Proxy.LoadBalancing;

/// <summary>RANDOM: a uniformly random endpoint.</summary>
internal sealed class RandomBalancer(RandomSource random) : ILoadBalancer
{
    public EndpointRuntime? Pick(IReadOnlyList<EndpointRuntime> endpoints, HttpContext context, IReadOnlyCollection<EndpointRuntime> exclude)
    {
        var candidates = Candidates.Of(endpoints, exclude);
        return candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)];
    }
}
