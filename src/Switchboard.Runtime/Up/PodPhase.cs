namespace Switchboard.Runtime.Up;

/// <summary>
/// Where a pod of the runtime is in its life, as Kubernetes' pod phases (plus Terminating, which kubectl shows for a
/// pod being deleted): Pending until its sidecar is ready and its apps are started; Succeeded or Failed once a Job's
/// apps have exited for good.
/// </summary>
public enum PodPhase { Pending, Running, Terminating, Succeeded, Failed }

/// <summary>What the reconciler needs to know of a pod: its name, owner, template and phase.</summary>
public sealed record PodView(string Name, WorkloadKey Owner, string TemplateHash, PodPhase Phase)
{
    /// <summary>Counted towards its owner's pods: not on its way out.</summary>
    public bool Active => Phase is PodPhase.Pending or PodPhase.Running;
}
