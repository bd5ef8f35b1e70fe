using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Pipeline;

/// <summary>Applies VirtualService header set/add/remove to outgoing requests and to responses.</summary>
internal static class HeaderEditor
{
    public static void Apply(HttpRequestMessage request, HeaderChanges changes)
    {
        if (changes.IsEmpty) return;
        foreach (var name in changes.Remove) Remove(request, name);
        foreach (var (name, value) in changes.Set)
        {
            Remove(request, name);
            Add(request, name, value);
        }
        foreach (var (name, value) in changes.Add) Add(request, name, value);
    }

    public static void Apply(HttpResponse response, HeaderChanges changes)
    {
        if (changes.IsEmpty) return;
        foreach (var name in changes.Remove) response.Headers.Remove(name);
        foreach (var (name, value) in changes.Set) response.Headers[name] = value;
        foreach (var (name, value) in changes.Add) response.Headers.Append(name, value);
    }

    private static void Remove(HttpRequestMessage request, string name)
    {
        request.Headers.Remove(name);
        request.Content?.Headers.Remove(name);
    }

    private static void Add(HttpRequestMessage request, string name, string value)
    {
        if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
    }

    /// <summary>True when a content header (those live on HttpContent, not the request).</summary>
    public static bool IsContentHeader(string name) => name.StartsWith("content-", StringComparison.OrdinalIgnoreCase) || name.Equals("expires", StringComparison.OrdinalIgnoreCase);

    /// <summary>Copies for a retry log line: the header names as sent.</summary>
    public static IEnumerable<string> Names(HttpHeaders headers) => headers.Select(h => h.Key);
}
