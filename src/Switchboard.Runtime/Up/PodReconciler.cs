using System.Threading.Channels;
using Switchboard.ControlPlane.Store;

namespace Switchboard.Runtime.Up;

/// <summary>
/// Keeps the running pods what the store's Deployments, Jobs and bare Pods ask for, as Kubernetes' controllers (and kubelet) do, so
/// <c>sbctl apply</c> and <c>sbctl delete</c> change the running mesh:
/// 1. every store change (an apply, a delete, a Job pod finishing) wakes one loop; changes that arrive during a pass
///    fold into one more pass;
/// 2. a pass brings the running pods' hosts files up to date with the Services, plans (<see cref="ReconcilePlan"/>) from
///    the store's workloads and the pods the runtime holds, starts the new pods (four at a time, each done once ready) and
///    only then stops the old ones, so a changed template is replaced without a gap;
/// 3. stops run in the background (an app's grace period must not hold up the next pass); a stopping pod is
///    Terminating at once and counts for nothing in later plans.
/// </summary>
public sealed class PodReconciler : IAsyncDisposable
{
    private readonly FileConfigStore _store;
    private readonly IPodRuntime _runtime;
    private readonly MeshEvents _events;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _stops = [];
    private readonly SemaphoreSlim _starting = new(4, 4);
    private Task _loop = Task.CompletedTask;

    public PodReconciler(FileConfigStore store, IPodRuntime runtime, MeshEvents events)
    {
        _store = store;
        _runtime = runtime;
        _events = events;
    }

    /// <summary>Starts following the store (after the first pass, which the caller runs and awaits).</summary>
    public void Start()
    {
        _store.Changed += Wake;
        _loop = Task.Run(LoopAsync);
        Wake([]); // whatever changed between the first pass and now
    }

    /// <summary>One pass; throws if a pod cannot be started (the first pass's failure is <c>up</c>'s).</summary>
    public async Task PassAsync(CancellationToken token)
    {
        await _runtime.RefreshHostsAsync(token);
        var plan = ReconcilePlan.For(WorkloadTemplate.From(_store.Resources), _runtime.Pods);
        if (plan.IsEmpty) return;
        var starts = plan.Start.Select(t => StartLimitedAsync(t, token)).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            lock (_stops)
            {
                _stops.RemoveAll(t => t.IsCompleted);
                _stops.AddRange(plan.Stop.Select(_runtime.StopPodAsync));
            }
        }
    }

    /// <summary>A few pods start at once: each is a sidecar and an app starting up, and a big mesh must not starve them all past their readiness timeouts.</summary>
    private async Task StartLimitedAsync(WorkloadTemplate template, CancellationToken token)
    {
        await _starting.WaitAsync(token);
        try
        {
            await _runtime.StartPodAsync(template, token);
        }
        finally
        {
            _starting.Release();
        }
    }

    private void Wake(IReadOnlyList<Config.Resource> _) => _wake.Writer.TryWrite(true);

    private async Task LoopAsync()
    {
        try
        {
            await foreach (var _ in _wake.Reader.ReadAllAsync(_stopping.Token))
            {
                try
                {
                    await PassAsync(_stopping.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One pod that cannot start (its own start already cleaned it up) must not stop the mesh following the store.
                    _events.Add($"reconcile: {ex.Message}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // up is stopping
        }
    }

    /// <summary>Stops following the store and waits for the stops already under way.</summary>
    public async ValueTask DisposeAsync()
    {
        _store.Changed -= Wake;
        await _stopping.CancelAsync();
        await _loop;
        Task[] stops;
        lock (_stops) stops = [.. _stops];
        await Task.WhenAll(stops);
    }
}
