using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Up;

/// <summary>
/// A pod the runtime has started (or is starting, or stopping): its plan, its supervised sidecar and apps, and its phase.
/// The runtime changes it; the reconciler and the live table read it.
/// </summary>
public sealed class RunningPod(PlannedPod planned)
{
    private volatile Supervisor? _sidecar;
    private volatile IReadOnlyList<Supervisor> _apps = [];
    private volatile PodPhase _phase = PodPhase.Pending;

    public PlannedPod Planned { get; } = planned;

    public Supervisor? Sidecar
    {
        get => _sidecar;
        set => _sidecar = value;
    }

    public IReadOnlyList<Supervisor> Apps
    {
        get => _apps;
        set => _apps = value;
    }

    public PodPhase Phase
    {
        get => _phase;
        set => _phase = value;
    }

    /// <summary>Held while the pod is being taken down: a Job pod finishing and a delete may both try.</summary>
    public SemaphoreSlim Teardown { get; } = new(1, 1);

    public PodView View => new(Planned.Name, Planned.OwnerKey, Planned.TemplateHash, Phase);

    /// <summary>The pod's row in the live table, from what its supervisors say now.</summary>
    public PodStatus Status()
    {
        var (sidecar, apps, phase) = (Sidecar, Apps, Phase);
        var supervisors = sidecar is null ? apps : [sidecar, .. apps];
        var finished = phase is PodPhase.Succeeded or PodPhase.Failed;
        var ready = finished ? 0 : supervisors.Count(s => s.Pid is not null);
        var restarts = supervisors.Sum(s => s.Restarts);
        var status = phase switch
        {
            PodPhase.Pending => "Pending",
            PodPhase.Terminating => "Terminating",
            PodPhase.Succeeded => "Completed",
            PodPhase.Failed => "Error",
            // kubectl's word for a container waiting out its restart backoff.
            _ when apps.Any(a => a.State == SupervisedState.Waiting) => "CrashLoopBackOff",
            _ => "Running",
        };
        return new PodStatus(Planned.Namespace, Planned.Name, ready, Planned.Containers.Count + (Planned.HasProxy ? 1 : 0), status, restarts, Planned.Address.ToString(),
            Planned.Labels.GetValueOrDefault("version") ?? "");
    }
}
