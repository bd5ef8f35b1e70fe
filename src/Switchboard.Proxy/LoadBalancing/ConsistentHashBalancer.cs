using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Clusters;

namespace Switchboard.Proxy.LoadBalancing;

/// <summary>
/// consistentHash: the same key always lands on the same endpoint while the endpoint set is stable, and
/// only keys of a removed endpoint move. Rendezvous hashing (highest hash of key+endpoint wins) gives
/// that without building a ring. Key: a header, cookie, query parameter or the source IP; a request
/// without the key gets a random-but-stable choice from its connection.
/// </summary>
internal sealed class ConsistentHashBalancer(string hashKey, TimeSpan? cookieTtl = null, string? cookiePath = null) : ILoadBalancer
{
    private const string GeneratedCookieItem = "switchboard.hash-cookie";

    public EndpointRuntime? Pick(IReadOnlyList<EndpointRuntime> endpoints, HttpContext context, IReadOnlyCollection<EndpointRuntime> exclude)
    {
        if (endpoints.Count == 0) return null;
        var key = KeyOf(context) ?? GeneratedCookie(context) ?? context.Connection.Id;
        EndpointRuntime? best = null;
        ulong bestScore = 0;
        foreach (var endpoint in endpoints)
        {
            var score = Fnv1a(key, endpoint.HostPort);
            if (best is null || score > bestScore)
            {
                best = endpoint;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>64-bit FNV-1a over key, a separator and the endpoint: cheap, stable across processes.</summary>
    private static ulong Fnv1a(string key, string endpoint)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key) hash = (hash ^ c) * 1099511628211UL;
        hash = (hash ^ '|') * 1099511628211UL;
        foreach (var c in endpoint) hash = (hash ^ c) * 1099511628211UL;
        // Final avalanche so endpoints differing in one digit do not score in lockstep.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }

    /// <summary>
    /// httpCookie with a ttl: a caller without the cookie gets one (a random value; the endpoint is then chosen by
    /// hashing that value, so every later request carrying it lands on the same endpoint). Generated once per
    /// request, so retries reuse it. Without a ttl Istio generates no cookie.
    /// </summary>
    private string? GeneratedCookie(HttpContext context)
    {
        if (cookieTtl is not { } ttl || !hashKey.StartsWith("cookie:", StringComparison.Ordinal)) return null;
        if (context.Items[GeneratedCookieItem] is string existing) return existing;
        var value = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        context.Items[GeneratedCookieItem] = value;
        var options = new CookieOptions { Path = cookiePath ?? "/", HttpOnly = true };
        if (ttl > TimeSpan.Zero) options.MaxAge = ttl; // 0s: a session cookie
        context.Response.Cookies.Append(hashKey["cookie:".Length..], value, options);
        return value;
    }

    private string? KeyOf(HttpContext context)
    {
        var colon = hashKey.IndexOf(':');
        var (kind, name) = colon < 0 ? (hashKey, "") : (hashKey[..colon], hashKey[(colon + 1)..]);
        return kind switch
        {
            "header" => context.Request.Headers[name] is { Count: > 0 } v ? v.ToString() : null,
            "cookie" => context.Request.Cookies[name],
            "query" => context.Request.Query[name] is { Count: > 0 } q ? q.ToString() : null,
            "source-ip" => context.Connection.RemoteIpAddress?.ToString(),
            _ => null,
        };
    }
}
