using Microsoft.Extensions.Logging;
using Switchboard.Proxy.Runtime;

namespace Switchboard.Proxy.Config;

/// <summary>
/// Reloads static config when a file under the directory changes (an editor saving counts), debounced
/// so a burst of writes is one reload: 100 ms after the last change, as Istio debounces pushes.
/// A reload that fails keeps the config in force and says why.
/// </summary>
internal sealed class ConfigDirectoryWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _timer;

    public ConfigDirectoryWatcher(StaticConfigSource source, ConfigHolder holder, TimeProvider time, ILogger logger)
    {
        _timer = time.CreateTimer(_ => Reload(source, holder, logger), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(source.Directory) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        _watcher.Changed += (_, _) => Poke();
        _watcher.Created += (_, _) => Poke();
        _watcher.Deleted += (_, _) => Poke();
        _watcher.Renamed += (_, _) => Poke();
    }

    private void Poke() => _timer.Change(Quiet, Timeout.InfiniteTimeSpan);

    private static void Reload(StaticConfigSource source, ConfigHolder holder, ILogger logger)
    {
        var (config, errors) = source.Load();
        if (config is null)
        {
            logger.LogError("config in {Directory} rejected, previous config keeps serving:\n{Errors}", source.Directory, string.Join('\n', errors));
            return;
        }
        if (holder.TryApply(config)) logger.LogWarning("config reloaded from {Directory}", source.Directory);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
    }
}
