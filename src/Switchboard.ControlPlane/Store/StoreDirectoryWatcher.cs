namespace Switchboard.ControlPlane.Store;

/// <summary>
/// Reloads the store when its directory changes outside the API (an editor saving a file is a change),
/// debounced: 100 ms after the last event, as Istio debounces config pushes. The store's own writes also
/// trigger it; reloading an unchanged directory is harmless.
/// </summary>
public sealed class StoreDirectoryWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _timer;

    public StoreDirectoryWatcher(FileConfigStore store, TimeProvider time)
    {
        _timer = time.CreateTimer(_ => store.Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(store.Directory) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        _watcher.Changed += Poke;
        _watcher.Created += Poke;
        _watcher.Deleted += Poke;
        _watcher.Renamed += Poke;
    }

    private void Poke(object sender, FileSystemEventArgs e)
    {
        // Temporary files of the store's own atomic writes come and go; the rename that follows is what counts.
        if (Path.GetFileName(e.FullPath).StartsWith('.')) return;
        _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
    }
}
