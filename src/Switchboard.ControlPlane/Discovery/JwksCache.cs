using System.Collections.Concurrent;
using Switchboard.Authentication.Config;
using Switchboard.Authentication.Jwks;

namespace Switchboard.ControlPlane.Discovery;

/// <summary>
/// Key sets of RequestAuthentication <c>jwksUri</c>s, fetched by the control plane (proxies never reach out to an
/// identity provider) and pushed inside their config. Translation asks <see cref="Lookup"/>; an unknown or stale URI
/// starts a fetch and, until it lands, the rule carries an error so its tokens are rejected — never accepted. When a
/// fetch lands (or fails) <see cref="Changed"/> fires and the next push carries the result. Refreshed every 20 minutes,
/// Istio's default.
/// </summary>
public sealed class JwksCache(JwksFetcher fetcher, TimeProvider time)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(20);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Raised when a fetch finished with something new for translation.</summary>
    public event Action? Changed;

    public JwksFetchResult? Lookup(JwksSource source)
    {
        var entry = _entries.GetOrAdd(source.Uri, _ => new Entry());
        lock (entry)
        {
            var stale = entry.FetchedAt is not { } at || time.GetUtcNow() - at > Refresh;
            if (stale && !entry.Fetching)
            {
                entry.Fetching = true;
                _ = FetchAsync(source, entry);
            }
            return entry.Result ?? JwksFetchResult.Failed($"the key set at {source.Uri} is being fetched");
        }
    }

    private async Task FetchAsync(JwksSource source, Entry entry)
    {
        var result = await fetcher.FetchAsync(source);
        bool changed;
        lock (entry)
        {
            // A refresh that fails keeps the keys that worked: an identity provider's hiccup must not lock everyone out.
            changed = entry.Result != result && !(result.Error is not null && entry.Result?.Jwks is not null);
            if (result.Jwks is not null || entry.Result?.Jwks is null) entry.Result = result;
            entry.FetchedAt = time.GetUtcNow();
            entry.Fetching = false;
        }
        if (changed) Changed?.Invoke();
    }

    private sealed class Entry
    {
        public JwksFetchResult? Result;
        public DateTimeOffset? FetchedAt;
        public bool Fetching;
    }
}
