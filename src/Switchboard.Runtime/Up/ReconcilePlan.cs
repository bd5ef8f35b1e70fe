namespace Switchboard.Runtime.Up;

/// <summary>
/// What to do to make the running pods what the store's workloads ask for (pure, so every case is a unit test):
/// - a Deployment: start pods of its current template up to <c>replicas</c>; stop the newest beyond it. Pods of an older
///   template are replaced: as many as the new template lacks stay until a new pod runs in their place
///   (<see cref="Replaced"/>, one stopped per new pod that started), the rest stop now; so a changed template is
///   replaced without a gap, and a new pod that cannot start leaves an old one serving (maxUnavailable 0);
/// - a Job: start pods while fewer than <c>completions</c> have succeeded, at most <c>parallelism</c> at once, until it
///   has failed more than <c>backoffLimit</c> times (under OnFailure the restarts happen inside the pod, so one failed pod
///   means the limit was spent); finished pods stay, shown as Completed or Error, as Kubernetes keeps them;
/// - a bare Pod: its one pod, started once and never replaced (a Pod's spec cannot change in Kubernetes), and not
///   started again while a pod of its name is still on its way out (its namespace has that name);
/// - a pod whose workload is gone is stopped (a finished one is only forgotten).
/// Pods already terminating count for nothing.
/// </summary>
public sealed record ReconcilePlan(IReadOnlyList<WorkloadTemplate> Start, IReadOnlyList<string> Stop, IReadOnlyList<PodView> Replaced)
{
    public bool IsEmpty => Start.Count == 0 && Stop.Count == 0 && Replaced.Count == 0;

    /// <summary>The plan for <paramref name="pods"/> (oldest first) against <paramref name="templates"/>.</summary>
    public static ReconcilePlan For(IReadOnlyList<WorkloadTemplate> templates, IReadOnlyList<PodView> pods)
    {
        var start = new List<WorkloadTemplate>();
        var stop = new List<string>();
        var replaced = new List<PodView>();
        var owned = pods.Where(p => p.Phase != PodPhase.Terminating).ToLookup(p => p.Owner);
        foreach (var template in templates)
        {
            var mine = owned[template.Owner].ToList();
            if (template.Owner.Kind == WorkloadKey.Pod)
            {
                if (!pods.Any(p => p.Owner == template.Owner)) start.Add(template);
            }
            else if (template.RunsToCompletion) PlanJob(template, mine, start);
            else PlanDeployment(template, mine, start, stop, replaced);
        }
        var wanted = templates.Select(t => t.Owner).ToHashSet();
        stop.AddRange(pods.Where(p => p.Phase != PodPhase.Terminating && !wanted.Contains(p.Owner)).Select(p => p.Name));
        return new ReconcilePlan(start, stop, replaced);
    }

    private static void PlanDeployment(WorkloadTemplate template, List<PodView> pods, List<WorkloadTemplate> start, List<string> stop, List<PodView> replaced)
    {
        var current = pods.Where(p => p.Active && p.TemplateHash == template.Hash).ToList();
        var missing = Math.Max(0, template.Replicas - current.Count);
        start.AddRange(Enumerable.Repeat(template, missing));
        stop.AddRange(current.Skip(template.Replicas).Select(p => p.Name));
        var old = pods.Where(p => p.Active && p.TemplateHash != template.Hash).ToList();
        replaced.AddRange(old.Take(missing));
        stop.AddRange(old.Skip(missing).Select(p => p.Name));
        stop.AddRange(pods.Where(p => !p.Active).Select(p => p.Name));
    }

    private static void PlanJob(WorkloadTemplate template, List<PodView> pods, List<WorkloadTemplate> start)
    {
        var succeeded = pods.Count(p => p.Phase == PodPhase.Succeeded);
        var failed = pods.Count(p => p.Phase == PodPhase.Failed);
        var running = pods.Count(p => p.Active);
        var gaveUp = template.RestartPolicy == Processes.RestartPolicy.OnFailure ? failed > 0 : failed > template.BackoffLimit;
        if (succeeded >= template.Completions || gaveUp) return;
        var wanted = Math.Min(template.Replicas, template.Completions - succeeded) - running;
        start.AddRange(Enumerable.Repeat(template, Math.Max(0, wanted)));
    }
}
