using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Clusters;
using Switchboard.Proxy.Runtime;

namespace Switchboard.Proxy.LoadBalancing;

/// <summary>
/// LEAST_REQUEST (Istio's default; LEAST_CONN is an alias): Envoy's power of two choices — pick two
/// endpoints at random and take the one with fewer active requests. O(1), and it avoids the herd
/// that "always the global minimum" causes when many proxies see the same counts.
/// </summary>
internal sealed class LeastRequestBalancer(RandomSource random) : ILoadBalancer
{
    public EndpointRuntime? Pick(IReadOnlyList<EndpointRuntime> endpoints, HttpContext context, IReadOnlyCollection<EndpointRuntime> exclude)
    {
        var candidates = Candidates.Of(endpoints, exclude);
        if (candidates.Count <= 1) return candidates.Count == 0 ? null : candidates[0];
        var a = candidates[random.Next(candidates.Count)];
        var b = candidates[random.Next(candidates.Count)];
        return b.ActiveRequests < a.ActiveRequests ? b : a;
    }
}
