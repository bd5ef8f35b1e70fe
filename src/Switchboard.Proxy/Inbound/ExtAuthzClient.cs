using Microsoft.AspNetCore.Http;
using Switchboard.Model;
using Switchboard.Proxy.Runtime;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Inbound;

/// <summary>The external authorizer's answer: allowed (with headers to add upstream), or the status, body and headers to answer with.</summary>
internal sealed record ExtAuthzVerdict(bool Allowed, int Status, string Body, IReadOnlyList<KeyValuePair<string, string>> Headers);

/// <summary>
/// CUSTOM authorization (Istio's envoyExtAuthzHttp provider): the request's method, path and selected headers are sent to
/// the authorizer, reached like any mesh service — its outbound cluster, with mTLS when it has a sidecar. A 2xx answer
/// allows (copying <c>headersToUpstreamOnAllow</c> to the request); any other answer is passed back to the caller (with
/// <c>headersToDownstreamOnDeny</c>); an authorizer that cannot be reached or does not answer in time denies (fail closed,
/// Istio's default <c>failOpen: false</c>).
/// </summary>
internal static class ExtAuthzClient
{
    public static async Task<ExtAuthzVerdict> CheckAsync(HttpContext context, RuntimeConfig config, ExtAuthzProvider provider, string pathAndQuery)
    {
        var host = provider.Service;
        var cluster = config.Cluster(Cluster.NameOf(provider.Port, "", host));
        if (cluster?.Usable.FirstOrDefault() is not { } endpoint) return Denied($"ext_authz provider {provider.Name}: no endpoint for {host}:{provider.Port}");
        using var check = new HttpRequestMessage(new HttpMethod(context.Request.Method), endpoint.Prefix + provider.PathPrefix + pathAndQuery);
        check.Headers.Host = context.Request.Host.Value;
        foreach (var name in provider.IncludeRequestHeaders)
        {
            if (context.Request.Headers.TryGetValue(name, out var values)) check.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(provider.Timeout);
            using var response = await endpoint.Invoker.SendAsync(check, timeout.Token);
            var status = (int)response.StatusCode;
            var pick = status is >= 200 and < 300 ? provider.HeadersToUpstreamOnAllow : provider.HeadersToDownstreamOnDeny;
            var headers = pick.SelectMany(name => response.Headers.TryGetValues(name, out var v) ? v.Select(value => new KeyValuePair<string, string>(name, value)) : []).ToList();
            if (status is >= 200 and < 300) return new ExtAuthzVerdict(true, 200, "", headers);
            return new ExtAuthzVerdict(false, status, await response.Content.ReadAsStringAsync(timeout.Token), headers);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return Denied($"ext_authz provider {provider.Name}: {ex.Message}");
        }
    }

    private static ExtAuthzVerdict Denied(string why) => new(false, 403, "RBAC: access denied", [new("x-switchboard-details", why)]);
}
