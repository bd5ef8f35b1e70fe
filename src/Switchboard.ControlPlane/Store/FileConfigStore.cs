using Switchboard.Config;
using Switchboard.Config.Loading;
using Switchboard.Config.Nodes;
using Switchboard.Config.Source;

namespace Switchboard.ControlPlane.Store;

/// <summary>The outcome of an apply or delete: per-resource results, or the located errors that refused it whole.</summary>
public sealed record StoreResult(IReadOnlyList<string> Results, IReadOnlyList<string> Errors)
{
    public bool Accepted => Errors.Count == 0;
}

/// <summary>
/// The mesh's config on one machine: a directory of YAML is the source of truth.
/// - apply validates like <c>sbctl analyze</c> (schema, located errors); an invalid input is refused whole and
///   nothing changes; a valid one is written (atomically, 0600) before it is acknowledged, so a crash right
///   after apply loses nothing;
/// - the directory may also be edited by hand: <see cref="Refresh"/> reads the files that changed again
///   (<see cref="Reload"/> reads everything);
/// - only files whose text changed are parsed again, so an apply to a mesh of ten thousand resources costs the
///   resources applied, not the mesh; and a write that changes nothing publishes nothing;
/// - every change publishes a new immutable list of resources (ordered by file, as a fresh load orders them)
///   through <see cref="Changed"/>.
/// </summary>
public sealed class FileConfigStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LoadedFile> _files = new(StringComparer.Ordinal);
    private IReadOnlyList<Resource> _resources = [];

    public FileConfigStore(string directory)
    {
        Directory = System.IO.Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        Reload();
    }

    public string Directory { get; }

    /// <summary>The resources in force.</summary>
    public IReadOnlyList<Resource> Resources => Volatile.Read(ref _resources);

    /// <summary>Problems found in the directory's files (hand edits can break files).</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; private set; } = [];

    /// <summary>Raised after every change with the new resources.</summary>
    public event Action<IReadOnlyList<Resource>>? Changed;

    /// <summary>Reads the whole directory again; publishes only if some file's text changed.</summary>
    public void Reload()
    {
        lock (_lock)
        {
            var loaded = new ConfigLoader().Load([Directory]);
            var resources = loaded.Resources.ToLookup(r => r.Source.File);
            var problems = loaded.Problems.ToLookup(p => p.Location.File);
            var files = loaded.Files.ToDictionary(f => f, f => new LoadedFile(ReadText(f), resources[f].ToList(), problems[f].ToList()), StringComparer.Ordinal);
            var changed = files.Count != _files.Count || files.Any(f => !_files.TryGetValue(f.Key, out var known) || known.Text != f.Value.Text);
            if (!changed) return;
            _files.Clear();
            foreach (var (path, file) in files) _files[path] = file;
            Publish();
        }
    }

    /// <summary>Reads <paramref name="paths"/> again (gone ones are forgotten); publishes only if some file's text changed.</summary>
    public void Refresh(IEnumerable<string> paths)
    {
        lock (_lock)
        {
            if (paths.Aggregate(false, (changed, path) => RefreshFile(System.IO.Path.GetFullPath(path)) | changed)) Publish();
        }
    }

    /// <summary>Validates and stores every resource in <paramref name="yaml"/>, or none of them.</summary>
    public StoreResult Apply(string yaml, string source)
    {
        var loaded = new ConfigLoader().LoadText(yaml, source);
        var errors = Errors(loaded);
        if (errors.Count > 0) return new StoreResult([], errors);
        if (loaded.Resources.Count == 0) return new StoreResult([], [$"{source}: no resources to apply"]);
        lock (_lock)
        {
            var results = new List<string>();
            var written = new List<string>();
            var current = Resources.ToDictionary(r => r.Key);
            foreach (var resource in loaded.Resources)
            {
                var text = ConfigNodeWriter.ToYaml(resource.Source.Document);
                var path = StoredResource.PathOf(Directory, resource.Key);
                var verb = !current.ContainsKey(resource.Key) ? "created"
                    : File.Exists(path) && File.ReadAllText(path) == text ? "unchanged" : "configured";
                if (verb != "unchanged")
                {
                    AtomicFile.Write(path, text);
                    written.Add(path);
                }
                results.Add($"{StoredResource.Display(resource)} {verb}");
            }
            if (written.Aggregate(false, (changed, path) => RefreshFile(path) | changed)) Publish();
            return new StoreResult(results, []);
        }
    }

    /// <summary>Deletes the resources named in <paramref name="yaml"/> (only kind, namespace and name are read).</summary>
    public StoreResult Delete(string yaml, string source)
    {
        var loaded = new ConfigLoader().LoadText(yaml, source);
        // Deleting needs only kind, namespace and name: a stub document without a full spec is fine.
        var errors = Errors(loaded, onlyUnidentified: true);
        if (errors.Count > 0) return new StoreResult([], errors);
        lock (_lock)
        {
            var results = new List<string>();
            var deleted = new List<string>();
            var current = Resources.ToDictionary(r => r.Key);
            foreach (var resource in loaded.Resources)
            {
                if (!current.TryGetValue(resource.Key, out var stored))
                {
                    results.Add($"{StoredResource.Display(resource)} not found");
                    continue;
                }
                var path = StoredResource.PathOf(Directory, resource.Key) is var own && File.Exists(own) ? own : stored.Source.File;
                File.Delete(path);
                deleted.Add(path);
                results.Add($"{StoredResource.Display(resource)} deleted");
            }
            if (deleted.Aggregate(false, (changed, path) => RefreshFile(path) | changed)) Publish();
            return new StoreResult(results, []);
        }
    }

    /// <summary>Parses one file again if its text changed (or forgets it if it is gone); true when something changed.</summary>
    private bool RefreshFile(string path)
    {
        var exists = File.Exists(path) && ConfigLoader.IsConfigFile(path) && !System.IO.Path.GetFileName(path).StartsWith('.');
        if (!exists) return _files.Remove(path);
        var text = ReadText(path);
        if (_files.TryGetValue(path, out var known) && known.Text == text) return false;
        var loaded = new ConfigLoader().Load([path]);
        _files[path] = new LoadedFile(text, loaded.Resources, loaded.Problems);
        return true;
    }

    /// <summary>Publishes every file's resources in path order (ordinal, as the loader reads a directory).</summary>
    private void Publish()
    {
        var ordered = _files.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        var resources = ordered.SelectMany(f => f.Value.Resources).ToList();
        Problems = ordered.SelectMany(f => f.Value.Problems).ToList();
        Volatile.Write(ref _resources, resources);
        Changed?.Invoke(resources);
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>One file as last read: its text (to tell a real change from a touch) and what it held.</summary>
    private sealed record LoadedFile(string? Text, IReadOnlyList<Resource> Resources, IReadOnlyList<ConfigProblem> Problems);

    private static List<string> Errors(LoadResult loaded, bool onlyUnidentified = false) => loaded.Problems
        .Where(p => p.Kind is ProblemKind.Schema or ProblemKind.Unparseable)
        .Where(p => !onlyUnidentified || p.Resource is null || p.Kind == ProblemKind.Unparseable)
        .Select(p => $"{p.Location.File}:{p.Location.Line}: {(p.Resource is { } r ? r + ": " : "")}{p.Message}")
        .ToList();
}
