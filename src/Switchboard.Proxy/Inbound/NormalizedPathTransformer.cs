using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Switchboard.Proxy.Inbound;

/// <summary>
/// Forwards to the app exactly the path authorization decided on (the single-view rule, reference §1.3): the URI is
/// built without .NET's canonicalization, so nothing is decoded or re-encoded after the decision.
/// </summary>
internal sealed class NormalizedPathTransformer(string pathAndQuery) : HttpTransformer
{
    private static readonly UriCreationOptions Exact = new() { DangerousDisablePathAndQueryCanonicalization = true };

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.RequestUri = new Uri(destinationPrefix + pathAndQuery, Exact);
    }
}
