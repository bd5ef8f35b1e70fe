using Switchboard.ControlPlane.Store;

namespace Switchboard.ControlPlane.Tests;

/// <summary>The file-backed store on a real directory: validation before any write, persistence before the answer.</summary>
public sealed class FileConfigStoreTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-store-");

    public void Dispose() => _dir.Delete(recursive: true);

    private const string Routing = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: payment-service-routing, namespace: production}
        spec:
          hosts: [payment-service]
          http:
          - route:
            - destination: {host: payment-service, subset: stable}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: payment-service-destination, namespace: production}
        spec:
          host: payment-service
          subsets:
          - {name: stable, labels: {version: v1}}
        """;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Apply_persists_each_resource_with_owner_only_permissions()
    {
        var store = new FileConfigStore(_dir.FullName);
        var result = store.Apply(Routing, "routing.yaml");
        Assert.True(result.Accepted);
        Assert.Equal(["virtualservice.networking.istio.io/payment-service-routing created", "destinationrule.networking.istio.io/payment-service-destination created"], result.Results);
        var file = Path.Combine(_dir.FullName, "production", "virtualservice-payment-service-routing.yaml");
        Assert.True(File.Exists(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(2, store.Resources.Count);
    }

    [Fact]
    public void Reapplying_says_unchanged_and_a_change_says_configured()
    {
        var store = new FileConfigStore(_dir.FullName);
        store.Apply(Routing, "routing.yaml");
        Assert.All(store.Apply(Routing, "routing.yaml").Results, r => Assert.EndsWith(" unchanged", r));
        var changed = store.Apply(Routing.Replace("subset: stable}", "subset: stable}\n      weight: 100"), "routing.yaml");
        Assert.Contains("virtualservice.networking.istio.io/payment-service-routing configured", changed.Results);
    }

    [Fact]
    public void Invalid_input_is_refused_whole_and_nothing_changes()
    {
        var store = new FileConfigStore(_dir.FullName);
        store.Apply(Routing, "routing.yaml");
        var before = Snapshot();
        var broken = Routing.Replace("subset: stable}", "subset: canary}") + "\n---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: x, namespace: production}\nspec:\n  host: y\n  trafficPolicy: {connectionPool: {http: {pendingRequests: 1}}}\n";
        var result = store.Apply(broken, "broken.yaml");
        Assert.False(result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.True(error.StartsWith("broken.yaml:23:", StringComparison.Ordinal), error);
        Assert.Contains("did you mean \"http1MaxPendingRequests\"", error);
        Assert.Equal(before, Snapshot());
        Assert.Equal(2, store.Resources.Count);
    }

    [Fact]
    public void A_new_store_on_the_same_directory_has_everything_that_was_acknowledged()
    {
        var first = new FileConfigStore(_dir.FullName);
        Assert.True(first.Apply(Routing, "routing.yaml").Accepted);
        // As if the control plane crashed right after answering: nothing is held only in memory.
        var second = new FileConfigStore(_dir.FullName);
        Assert.Equal(first.Resources.Select(r => r.Key.ToString()).Order(), second.Resources.Select(r => r.Key.ToString()).Order());
        Assert.Empty(second.Problems);
    }

    [Fact]
    public void Delete_removes_the_named_resources_and_reports_missing_ones()
    {
        var store = new FileConfigStore(_dir.FullName);
        store.Apply(Routing, "routing.yaml");
        var result = store.Delete("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: payment-service-routing, namespace: production}\n---\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: nope, namespace: production}\nspec: {servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ['*']}]}\n", "delete.yaml");
        Assert.Equal(["virtualservice.networking.istio.io/payment-service-routing deleted", "gateway.networking.istio.io/nope not found"], result.Results);
        Assert.Equal("DestinationRule", Assert.Single(store.Resources).Kind.Kind);
    }

    [Fact]
    public void Hand_edits_are_read_on_reload_and_changes_are_published()
    {
        var store = new FileConfigStore(_dir.FullName);
        var published = 0;
        store.Changed += _ => published++;
        File.WriteAllText(Path.Combine(_dir.FullName, "by-hand.yaml"), "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: edited, namespace: production}\n");
        store.Reload();
        Assert.Equal("edited", Assert.Single(store.Resources).Name);
        Assert.Equal(1, published);
    }

    private Dictionary<string, string> Snapshot() =>
        Directory.GetFiles(_dir.FullName, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
}

/// <summary>The directory watcher: an editor saving a file reaches the store without an API call.</summary>
public sealed class StoreDirectoryWatcherTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-watch-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Saving_a_file_by_hand_updates_the_store()
    {
        var store = new FileConfigStore(_dir.FullName);
        using var watcher = new StoreDirectoryWatcher(store, TimeProvider.System);
        var changed = new TaskCompletionSource();
        store.Changed += resources => { if (resources.Count == 1) changed.TrySetResult(); };
        File.WriteAllText(Path.Combine(_dir.FullName, "edited.yaml"), "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: edited, namespace: production}\n");
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("edited", Assert.Single(store.Resources).Name);
    }

    [Fact]
    public async Task Deleting_a_file_and_adding_a_namespace_folder_by_hand_reach_the_store()
    {
        var store = new FileConfigStore(_dir.FullName);
        using var watcher = new StoreDirectoryWatcher(store, TimeProvider.System);
        var file = Path.Combine(_dir.FullName, "a.yaml");
        File.WriteAllText(file, "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: production}\n");
        Assert.True(await Eventually(() => store.Resources.Count == 1));
        File.Delete(file);
        Assert.True(await Eventually(() => store.Resources.Count == 0), "the deleted file's resource stayed");
        // A folder moved in whole (as when a namespace's config is copied over) is read too.
        var staging = Directory.CreateTempSubdirectory("sb-watch-ns-");
        File.WriteAllText(Path.Combine(staging.FullName, "b.yaml"), "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: b, namespace: shop}\n");
        Directory.Move(staging.FullName, Path.Combine(_dir.FullName, "shop"));
        Assert.True(await Eventually(() => store.Resources.Any(r => r.Name == "b")), "the moved-in folder was not read");
    }

    [Fact]
    public async Task The_stores_own_writes_and_unchanged_applies_publish_once_or_not_at_all()
    {
        var store = new FileConfigStore(_dir.FullName);
        using var watcher = new StoreDirectoryWatcher(store, TimeProvider.System);
        var published = 0;
        store.Changed += _ => Interlocked.Increment(ref published);
        const string yaml = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: production}\n";
        Assert.True(store.Apply(yaml, "a.yaml").Accepted);
        await Task.Delay(600);
        Assert.Equal(1, published);
        Assert.True(store.Apply(yaml, "a.yaml").Accepted);
        store.Refresh(Directory.GetFiles(_dir.FullName, "*.yaml", SearchOption.AllDirectories));
        await Task.Delay(300);
        Assert.Equal(1, published);
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (condition()) return true;
            await Task.Delay(100);
        }
        return false;
    }
}
