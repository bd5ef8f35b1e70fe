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
/// - the directory may also be edited by hand: <see cref="Reload"/> reads it again;
/// - every change publishes a new immutable list of resources through <see cref="Changed"/>.
/// </summary>
public sealed class FileConfigStore
{
    private readonly Lock _lock = new();
    private IReadOnlyList<Resource> _resources = [];

    public FileConfigStore(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        Reload();
    }

    public string Directory { get; }

    /// <summary>The resources in force.</summary>
    public IReadOnlyList<Resource> Resources => Volatile.Read(ref _resources);

    /// <summary>Problems found in the directory at the last reload (hand edits can break files).</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; private set; } = [];

    /// <summary>Raised after every change with the new resources.</summary>
    public event Action<IReadOnlyList<Resource>>? Changed;

    public void Reload()
    {
        lock (_lock)
        {
            var loaded = new ConfigLoader().Load([Directory]);
            Problems = loaded.Problems;
            Publish(loaded.Resources);
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
            var current = Resources.ToDictionary(r => r.Key);
            foreach (var resource in loaded.Resources)
            {
                var text = ConfigNodeWriter.ToYaml(resource.Source.Document);
                var path = StoredResource.PathOf(Directory, resource.Key);
                var verb = !current.ContainsKey(resource.Key) ? "created"
                    : File.Exists(path) && File.ReadAllText(path) == text ? "unchanged" : "configured";
                if (verb != "unchanged") AtomicFile.Write(path, text);
                results.Add($"{StoredResource.Display(resource)} {verb}");
            }
            var reloaded = new ConfigLoader().Load([Directory]);
            Problems = reloaded.Problems;
            Publish(reloaded.Resources);
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
            var current = Resources.ToDictionary(r => r.Key);
            foreach (var resource in loaded.Resources)
            {
                if (!current.TryGetValue(resource.Key, out var stored))
                {
                    results.Add($"{StoredResource.Display(resource)} not found");
                    continue;
                }
                File.Delete(StoredResource.PathOf(Directory, resource.Key) is var path && File.Exists(path) ? path : stored.Source.File);
                results.Add($"{StoredResource.Display(resource)} deleted");
            }
            var reloaded = new ConfigLoader().Load([Directory]);
            Problems = reloaded.Problems;
            Publish(reloaded.Resources);
            return new StoreResult(results, []);
        }
    }

    private void Publish(IReadOnlyList<Resource> resources)
    {
        Volatile.Write(ref _resources, resources);
        Changed?.Invoke(resources);
    }

    private static List<string> Errors(LoadResult loaded, bool onlyUnidentified = false) => loaded.Problems
        .Where(p => p.Kind is ProblemKind.Schema or ProblemKind.Unparseable)
        .Where(p => !onlyUnidentified || p.Resource is null || p.Kind == ProblemKind.Unparseable)
        .Select(p => $"{p.Location.File}:{p.Location.Line}: {(p.Resource is { } r ? r + ": " : "")}{p.Message}")
        .ToList();
}
