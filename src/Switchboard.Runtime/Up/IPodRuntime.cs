namespace Switchboard.Runtime.Up;

/// <summary>What the reconciler drives: the pods that exist, and starting and stopping one.</summary>
public interface IPodRuntime
{
    /// <summary>Every pod the runtime holds, oldest first, finished and terminating ones included.</summary>
    IReadOnlyList<PodView> Pods { get; }

    /// <summary>Starts a new pod of <paramref name="template"/>; returns once its sidecar is ready and its apps are started.</summary>
    Task StartPodAsync(WorkloadTemplate template, CancellationToken token);

    /// <summary>Marks the pod Terminating at once, then takes it down; the returned task ends when it is gone.</summary>
    Task StopPodAsync(string name);

    /// <summary>Brings every running pod's hosts file up to date with the Services in the store.</summary>
    Task RefreshHostsAsync(CancellationToken token);
}
