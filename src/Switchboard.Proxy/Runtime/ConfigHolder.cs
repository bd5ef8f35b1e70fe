using Switchboard.Proxy.Identity;
using Microsoft.Extensions.Logging;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Runtime;

/// <summary>
/// Holds the config the proxy serves and swaps it atomically. A config that fails to compile is
/// rejected with its error and the previous one keeps serving (never a proxy without config).
/// </summary>
internal sealed class ConfigHolder(RandomSource random, TimeProvider time, ILogger<ConfigHolder> logger, ProxyIdentity identity)
{
    private RuntimeConfig? _current;

    /// <summary>The config in force; null until the first one is accepted.</summary>
    public RuntimeConfig? Current => Volatile.Read(ref _current);

    /// <summary>The proxy's workload identity (what mTLS presents and checks).</summary>
    public ProxyIdentity Identity => identity;

    /// <summary>
    /// Builds the config in force again: after a certificate rotation, clusters that present a certificate get new
    /// pools with the new one (connections already open finish on the old certificate, which is still valid).
    /// </summary>
    public void Refresh()
    {
        if (Current?.Source is { } source) TryApply(source);
    }

    /// <summary>Raised after a config is installed (a gateway loads the credentials it names).</summary>
    public event Action<ProxyConfig>? Applied;

    /// <summary>The last rejection, for the admin page.</summary>
    public string? LastError { get; private set; }

    /// <summary>Compiles and installs <paramref name="config"/>; returns false (keeping the old config) if it is invalid.</summary>
    public bool TryApply(ProxyConfig config)
    {
        RuntimeConfig next;
        try
        {
            next = RuntimeConfig.Build(config, Current, random, time, identity);
        }
        // Anything the config asks for that cannot be built: bad patterns, unreadable certificate files, bad keys, Telemetry
        // expressions or access-log formats the control plane let through (a bad access-log format is a FormatException).
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or IOException
            or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or Switchboard.Telemetry.Expressions.ExpressionException)
        {
            LastError = ex.Message;
            logger.LogError("config rejected, keeping the previous one: {Error}", ex.Message);
            return false;
        }
        var previous = Interlocked.Exchange(ref _current, next);
        LastError = null;
        Applied?.Invoke(config);
        if (previous is not null)
        {
            // In-flight requests hold their own reference to the old config; retire its unused pools later.
            var retired = previous.RetiredBy(next).ToList();
            if (retired.Count > 0) _ = Task.Delay(TimeSpan.FromMinutes(1)).ContinueWith(_ => retired.ForEach(c => c.Dispose()), TaskScheduler.Default);
        }
        return true;
    }
}
