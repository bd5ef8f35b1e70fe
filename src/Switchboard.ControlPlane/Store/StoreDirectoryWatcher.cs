namespace Switchboard.ControlPlane.Store;

/// <summary>
/// Refreshes the store when its directory changes outside the API (an editor saving a file is a change),
/// debounced: 100 ms after the last event, as Istio debounces config pushes. Only the files named by the events
/// are read again; a directory appearing or vanishing (a namespace folder moved in) reloads everything. The
/// store's own writes come back here too, and change nothing: the store already holds that text.
/// </summary>
public sealed class StoreDirectoryWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _timer;
    private readonly FileConfigStore _store;
    private readonly Lock _lock = new();
    private HashSet<string> _pending = new(StringComparer.Ordinal);
    private bool _reloadAll;

    public StoreDirectoryWatcher(FileConfigStore store, TimeProvider time)
    {
        _store = store;
        _timer = time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(store.Directory) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        _watcher.Changed += Poke;
        _watcher.Created += Poke;
        _watcher.Deleted += Poke;
        _watcher.Renamed += (sender, e) =>
        {
            Poke(sender, new FileSystemEventArgs(WatcherChangeTypes.Deleted, Path.GetDirectoryName(e.OldFullPath) ?? "", e.OldName ?? ""));
            Poke(sender, e);
        };
        // Too many events at once: the kernel dropped some, so the only safe answer is to read everything.
        _watcher.Error += (_, _) =>
        {
            lock (_lock) _reloadAll = true;
            _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
        };
    }

    private void Poke(object sender, FileSystemEventArgs e)
    {
        // Temporary files of the store's own atomic writes come and go (the rename that follows is what counts), and
        // hidden folders are not config: the control plane keeps its own state in DIR/.switchboard.
        var relative = Path.GetRelativePath(_store.Directory, e.FullPath);
        if (relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.') && part != "..")) return;
        lock (_lock)
        {
            if (Directory.Exists(e.FullPath) || (e.ChangeType == WatcherChangeTypes.Deleted && !Path.HasExtension(e.FullPath))) _reloadAll = true;
            else _pending.Add(e.FullPath);
        }
        _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    private void Flush()
    {
        HashSet<string> paths;
        bool all;
        lock (_lock)
        {
            (paths, _pending) = (_pending, new HashSet<string>(StringComparer.Ordinal));
            (all, _reloadAll) = (_reloadAll, false);
        }
        if (all) _store.Reload();
        else if (paths.Count > 0) _store.Refresh(paths);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
    }
}
