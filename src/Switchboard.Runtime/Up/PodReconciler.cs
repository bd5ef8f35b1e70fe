using System.Threading.Channels;
using Switchboard.ControlPlane.Store;

namespace Switchboard.Runtime.Up;

/// <summary>
/// Keeps the running pods what the store's Deployments, Jobs and bare Pods ask for, as Kubernetes' controllers (and kubelet) do, so
/// <c>sbctl apply</c> and <c>sbctl delete</c> change the running mesh:
/// 1. every store change (an apply, a delete, a Job pod finishing) wakes one loop; changes that arrive during a pass
///    fold into one more pass;
/// 2. a pass brings the running pods' hosts files up to date with the Services, plans (<see cref="ReconcilePlan"/>) from
///    the store's workloads and the pods the runtime holds, stops the surplus, starts the new pods (four at a time, each
///    done once ready) and only then stops the old-template pods they replace, one per new pod that started, so a changed
///    template is replaced without a gap and a replacement that cannot start leaves the old pod serving;
/// 2a. a pass whose start failed is tried again after a backoff (5 s doubling to 60 s), as Kubernetes' controllers
///    retry: a full address range or a slow machine is often over by then;
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
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5), LastRetry = TimeSpan.FromSeconds(60);
    private TimeSpan _retry = FirstRetry;
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
        StopInBackground(plan.Stop.ToList());
        var starts = plan.Start.Select(t => StartLimitedAsync(t, token)).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            // An old-template pod goes once a new pod of its workload runs in its place, one for one.
            var started = plan.Start.Where((_, i) => starts[i].IsCompletedSuccessfully).CountBy(t => t.Owner).ToDictionary();
            var replaced = new List<string>();
            foreach (var pod in plan.Replaced)
            {
                if (started.GetValueOrDefault(pod.Owner) is not > 0) continue;
                started[pod.Owner]--;
                replaced.Add(pod.Name);
            }
            StopInBackground(replaced);
        }
    }

    /// <summary>Stops run in the background: an app's grace period must not hold up the next pass.</summary>
    private void StopInBackground(List<string> names)
    {
        lock (_stops)
        {
            _stops.RemoveAll(t => t.IsCompleted);
            _stops.AddRange(names.Select(_runtime.StopPodAsync));
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

    private void RetryLater(TimeSpan delay) =>
        _ = Task.Delay(delay, _stopping.Token).ContinueWith(_ => Wake([]), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    private async Task LoopAsync()
    {
        try
        {
            await foreach (var _ in _wake.Reader.ReadAllAsync(_stopping.Token))
            {
                try
                {
                    await PassAsync(_stopping.Token);
                    _retry = FirstRetry;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One pod that cannot start (its own start already cleaned it up) must not stop the mesh following the store.
                    _events.Add($"reconcile: {ex.Message} (trying again in {_retry.TotalSeconds:0}s)");
                    RetryLater(_retry);
                    _retry = TimeSpan.FromTicks(Math.Min(_retry.Ticks * 2, LastRetry.Ticks));
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
