using System.Collections.Concurrent;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Gateway;

/// <summary>What <c>sbctl proxy-config secret</c> shows of one gateway credential: where from, which version, and its certificate or the error.</summary>
internal sealed record CredentialStatus(string Name, string Version, ServerCredential? Credential, string? Error);

/// <summary>
/// The gateway's server certificates, loaded once per version and kept in memory:
/// - a <c>credentialName</c> is fetched from the <see cref="ICredentialSource"/> when a config names a version not yet
///   loaded (a changed Secret is a new digest, so new connections get the new certificate without a restart; open
///   ones keep theirs); a failure is kept for a few seconds, then tried again;
/// - file paths are read again when a file's modification time changes.
/// </summary>
internal sealed class GatewayCredentials(ICredentialSource source, TimeProvider time)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The certificate for <paramref name="tls"/>; throws with the reason when there is none.</summary>
    public Task<ServerCredential> GetAsync(GatewayTls tls, CancellationToken token)
    {
        if (tls.Credential is { } reference) return Get($"{reference.Namespace}/{reference.Name}", reference.Version, () => FetchAsync(reference));
        if (tls.CertificateFile is { } certificate && tls.PrivateKeyFile is { } key)
        {
            var version = string.Join("|", new[] { certificate, key, tls.CaCertificatesFile }.Select(f => f is null || !File.Exists(f) ? "-" : File.GetLastWriteTimeUtc(f).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return Get("file:" + certificate, version, () => Task.Run(() => ServerCredential.FromPem(File.ReadAllText(certificate), File.ReadAllText(key),
                tls.CaCertificatesFile is { } ca ? File.ReadAllText(ca) : null), CancellationToken.None));
        }
        return Task.FromException<ServerCredential>(new InvalidOperationException("the server names neither a credentialName nor certificate files"));
    }

    /// <summary>Loads what <paramref name="listeners"/> reference ahead of the first handshake (errors are kept for the status view).</summary>
    public void Prefetch(IEnumerable<GatewayListener> listeners)
    {
        foreach (var tls in listeners.SelectMany(l => l.Chains).Select(c => c.Tls).OfType<GatewayTls>().Where(t => t.Mode is not (GatewayTls.Passthrough or GatewayTls.IstioMutual)))
        {
            _ = GetAsync(tls, CancellationToken.None).ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
    }

    /// <summary>Every credential loaded or tried, by name.</summary>
    public IReadOnlyList<CredentialStatus> Statuses() => _entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value.Load.Value switch
    {
        { IsCompletedSuccessfully: true } done => new CredentialStatus(e.Key, e.Value.Version, done.Result, null),
        { IsFaulted: true } failed => new CredentialStatus(e.Key, e.Value.Version, null, failed.Exception!.InnerException!.Message),
        _ => new CredentialStatus(e.Key, e.Value.Version, null, "loading"),
    }).ToList();

    private Task<ServerCredential> Get(string key, string version, Func<Task<ServerCredential>> load)
    {
        var now = time.GetUtcNow();
        // The load is lazy: AddOrUpdate may run a factory more than once under contention, but only the entry kept ever fetches.
        var entry = _entries.AddOrUpdate(key, _ => new Entry(version, new Lazy<Task<ServerCredential>>(load), now), (_, old) =>
            old.Version != version || (old.Load.Value.IsFaulted && now - old.Started > RetryAfter) ? new Entry(version, new Lazy<Task<ServerCredential>>(load), now) : old);
        return entry.Load.Value;
    }

    private async Task<ServerCredential> FetchAsync(CredentialReference reference)
    {
        if (reference.Version == CredentialReference.Absent)
            throw new InvalidOperationException($"secret {reference.Namespace}/{reference.Name} not found (gateway credentials are read from the gateway workload's namespace)");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var pem = await source.FetchAsync(reference, timeout.Token);
        return ServerCredential.FromPem(pem.CertificateChain, pem.PrivateKey, pem.CaCertificates);
    }

    private sealed record Entry(string Version, Lazy<Task<ServerCredential>> Load, DateTimeOffset Started);
}
