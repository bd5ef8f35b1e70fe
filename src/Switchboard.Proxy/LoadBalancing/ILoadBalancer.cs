using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Clusters;

namespace Switchboard.Proxy.LoadBalancing;

/// <summary>Picks an endpoint for a request, avoiding <c>exclude</c> (hosts already tried) when it can.</summary>
internal interface ILoadBalancer
{
    EndpointRuntime? Pick(IReadOnlyList<EndpointRuntime> endpoints, HttpContext context, IReadOnlyCollection<EndpointRuntime> exclude);
}

/// <summary>Shared helper: the endpoints a balancer may choose from.</summary>
internal static class Candidates
{
    /// <summary>Endpoints not yet tried; all of them when every one has been (a retry must go somewhere).</summary>
    public static IReadOnlyList<EndpointRuntime> Of(IReadOnlyList<EndpointRuntime> endpoints, IReadOnlyCollection<EndpointRuntime> exclude)
    {
        if (exclude.Count == 0) return endpoints;
        var fresh = endpoints.Where(e => !exclude.Contains(e)).ToList();
        return fresh.Count > 0 ? fresh : endpoints;
    }
}
