using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchboard.Proxy.Clusters;
using Switchboard.Proxy.Runtime;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Pipeline;

/// <summary>
/// Traffic mirroring: a copy of the request goes to the mirror cluster, fire and forget, with the
/// authority suffixed <c>-shadow</c> (as Envoy does, so the shadow can tell). The copy never delays
/// or fails the main request: it is sent on its own task and its outcome is only logged.
/// </summary>
internal sealed class Mirroring(RandomSource random, ILogger<Mirroring> logger)
{
    /// <summary>Starts the mirror copies this request is chosen for; returns at once.</summary>
    public async Task StartAsync(HttpContext context, ForwardAction forward, RuntimeConfig config)
    {
        if (forward.Mirrors.Count == 0) return;
        var chosen = forward.Mirrors.Where(m => random.Chance(m.Percentage)).Select(m => config.Cluster(m.Cluster)).OfType<ClusterRuntime>().ToList();
        if (chosen.Count == 0) return;
        var body = await BodyOf(context.Request);
        foreach (var cluster in chosen)
        {
            if (cluster.Balancer.Pick(cluster.Endpoints, context, []) is not { } endpoint) continue;
            var copy = Copy(context.Request, endpoint, body);
            _ = SendAsync(cluster, endpoint, copy);
        }
    }

    private async Task SendAsync(ClusterRuntime cluster, EndpointRuntime endpoint, HttpRequestMessage copy)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var response = await endpoint.Invoker.SendAsync(copy, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            logger.LogDebug("mirror to {Cluster} failed: {Error}", cluster.Name, ex.Message);
        }
        finally
        {
            copy.Dispose();
        }
    }

    /// <summary>The request body, buffered so the main request can still read it.</summary>
    private static async Task<byte[]?> BodyOf(HttpRequest request)
    {
        if (!(request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)) return null;
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        request.Body.Position = 0;
        return buffer.ToArray();
    }

    private static HttpRequestMessage Copy(HttpRequest request, EndpointRuntime endpoint, byte[]? body)
    {
        var copy = new HttpRequestMessage(new HttpMethod(request.Method), endpoint.Prefix + request.Path + request.QueryString);
        if (body is not null) copy.Content = new ByteArrayContent(body);
        foreach (var (name, values) in request.Headers)
        {
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase) || name.StartsWith(':')) continue;
            if (!copy.Headers.TryAddWithoutValidation(name, values.ToArray())) copy.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        copy.Headers.Host = ShadowAuthority(request.Host.Value ?? "");
        return copy;
    }

    /// <summary><c>reviews:8080</c> → <c>reviews-shadow:8080</c>.</summary>
    internal static string ShadowAuthority(string authority)
    {
        var colon = authority.LastIndexOf(':');
        return colon > 0 && authority.IndexOf(']') < colon ? authority[..colon] + "-shadow" + authority[colon..] : authority + "-shadow";
    }
}
