using Switchboard.Config.Kubernetes;
using Switchboard.Config.Loading;
using Switchboard.Runtime.Processes;
using Switchboard.Runtime.Up;

namespace Switchboard.Runtime.Tests.Up;

/// <summary>What the reconciler does for each difference between the store's workloads and the pods that exist.</summary>
public sealed class ReconcilePlanTests
{
    private static readonly WorkloadKey Echo = new(WorkloadKey.Deployment, "scale", "echo");
    private static readonly WorkloadKey Ping = new(WorkloadKey.Job, "scale", "ping");

    private static WorkloadTemplate Deployment(int replicas, string hash = "h1") => new(Echo, hash, new PodTemplate()) { Replicas = replicas };

    private static WorkloadTemplate Job(RestartPolicy policy = RestartPolicy.Never, int completions = 1, int parallelism = 1, int backoffLimit = 2) =>
        new(Ping, "j1", new PodTemplate()) { RunsToCompletion = true, Completions = completions, Replicas = parallelism, BackoffLimit = backoffLimit, RestartPolicy = policy };

    private static PodView Pod(string name, PodPhase phase = PodPhase.Running, string hash = "h1", WorkloadKey? owner = null) => new(name, owner ?? Echo, hash, phase);

    [Fact]
    public void Scaling_up_starts_only_the_missing_pods()
    {
        var plan = ReconcilePlan.For([Deployment(3)], [Pod("a"), Pod("b")]);
        Assert.Single(plan.Start);
        Assert.Empty(plan.Stop);
    }

    [Fact]
    public void Scaling_down_stops_the_newest_pods()
    {
        var plan = ReconcilePlan.For([Deployment(1)], [Pod("oldest"), Pod("middle"), Pod("newest")]);
        Assert.Empty(plan.Start);
        Assert.Equal(["middle", "newest"], plan.Stop);
    }

    [Fact]
    public void Pods_already_terminating_count_for_nothing_and_are_not_stopped_twice()
    {
        var plan = ReconcilePlan.For([Deployment(2)], [Pod("a"), Pod("b", PodPhase.Terminating)]);
        Assert.Single(plan.Start);
        Assert.Empty(plan.Stop);
    }

    [Fact]
    public void Pods_still_starting_count_as_the_workloads()
    {
        Assert.True(ReconcilePlan.For([Deployment(2)], [Pod("a"), Pod("b", PodPhase.Pending)]).IsEmpty);
    }

    [Fact]
    public void A_changed_template_starts_new_pods_and_replaces_every_old_one_once_they_run()
    {
        var plan = ReconcilePlan.For([Deployment(2, hash: "h2")], [Pod("old-1"), Pod("old-2")]);
        Assert.Equal(2, plan.Start.Count);
        Assert.All(plan.Start, t => Assert.Equal("h2", t.Hash));
        Assert.Empty(plan.Stop);
        Assert.Equal(["old-1", "old-2"], plan.Replaced.Select(p => p.Name));
    }

    [Fact]
    public void A_changed_template_with_fewer_replicas_stops_the_surplus_now_and_keeps_one_old_pod_per_missing_new_one()
    {
        var plan = ReconcilePlan.For([Deployment(1, hash: "h2")], [Pod("old-1"), Pod("old-2"), Pod("old-3"), Pod("crashed", PodPhase.Failed)]);
        Assert.Single(plan.Start);
        Assert.Equal(["old-1"], plan.Replaced.Select(p => p.Name));
        Assert.Equal(["old-2", "old-3", "crashed"], plan.Stop);
    }

    [Fact]
    public void Once_the_new_pods_run_the_old_ones_left_are_stopped()
    {
        // A pass whose start failed kept old-1; the retry started the new pod: nothing is missing, so old-1 goes.
        var plan = ReconcilePlan.For([Deployment(1, hash: "h2")], [Pod("old-1"), Pod("new-1", hash: "h2")]);
        Assert.Empty(plan.Start);
        Assert.Empty(plan.Replaced);
        Assert.Equal(["old-1"], plan.Stop);
    }

    [Fact]
    public void A_deleted_workload_loses_every_pod_finished_ones_included()
    {
        var plan = ReconcilePlan.For([], [Pod("a"), Pod("done", PodPhase.Succeeded, owner: Ping), Pod("going", PodPhase.Terminating)]);
        Assert.Equal(["a", "done"], plan.Stop);
    }

    [Fact]
    public void Other_workloads_pods_are_left_alone()
    {
        var other = new WorkloadKey(WorkloadKey.Deployment, "scale", "other");
        var plan = ReconcilePlan.For([Deployment(1), new WorkloadTemplate(other, "o", new PodTemplate())], [Pod("a"), Pod("b", hash: "o", owner: other)]);
        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void A_job_runs_one_pod_and_keeps_it_once_it_succeeded()
    {
        Assert.Single(ReconcilePlan.For([Job()], []).Start);
        Assert.True(ReconcilePlan.For([Job()], [Pod("p", PodPhase.Running, "j1", Ping)]).IsEmpty);
        Assert.True(ReconcilePlan.For([Job()], [Pod("p", PodPhase.Succeeded, "j1", Ping)]).IsEmpty);
    }

    [Fact]
    public void A_job_with_restart_policy_Never_gets_a_new_pod_per_failure_up_to_its_backoff_limit()
    {
        Assert.Single(ReconcilePlan.For([Job(backoffLimit: 2)], [Pod("f1", PodPhase.Failed, "j1", Ping), Pod("f2", PodPhase.Failed, "j1", Ping)]).Start);
        Assert.True(ReconcilePlan.For([Job(backoffLimit: 2)], [Pod("f1", PodPhase.Failed, "j1", Ping), Pod("f2", PodPhase.Failed, "j1", Ping), Pod("f3", PodPhase.Failed, "j1", Ping)]).IsEmpty);
    }

    [Fact]
    public void A_job_with_restart_policy_OnFailure_restarts_inside_its_pod_so_one_failed_pod_ends_it()
    {
        Assert.True(ReconcilePlan.For([Job(RestartPolicy.OnFailure)], [Pod("f", PodPhase.Failed, "j1", Ping)]).IsEmpty);
    }

    [Fact]
    public void A_job_runs_up_to_its_parallelism_until_its_completions_are_reached()
    {
        Assert.Equal(2, ReconcilePlan.For([Job(completions: 3, parallelism: 2)], []).Start.Count);
        Assert.Single(ReconcilePlan.For([Job(completions: 3, parallelism: 2)], [Pod("s1", PodPhase.Succeeded, "j1", Ping), Pod("s2", PodPhase.Succeeded, "j1", Ping)]).Start);
    }

    [Fact]
    public void Templates_come_from_deployments_and_jobs_and_the_hash_follows_the_template_not_the_replicas()
    {
        const string Yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: echo, namespace: scale }
            spec:
              replicas: REPLICAS
              template:
                metadata: { labels: { app: echo } }
                spec: { containers: [{ name: echo, image: IMAGE }] }
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: { name: ping, namespace: scale }
            spec:
              backoffLimit: 1
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{ name: ping, image: ping, command: [sh, -c, "exit 0"] }]
            """;
        IReadOnlyList<WorkloadTemplate> Load(string replicas, string image)
        {
            var loaded = new ConfigLoader().LoadText(Yaml.Replace("REPLICAS", replicas).Replace("IMAGE", image), "t.yaml");
            Assert.Empty(loaded.Problems);
            return WorkloadTemplate.From(loaded.Resources);
        }
        var templates = Load("2", "echo:1");
        Assert.Equal([Echo, Ping], templates.Select(t => t.Owner));
        Assert.Equal(2, templates[0].Replicas);
        Assert.True(templates[1].RunsToCompletion);
        Assert.Equal((RestartPolicy.OnFailure, 1), (templates[1].RestartPolicy, templates[1].BackoffLimit));
        Assert.Equal(templates[0].Hash, Load("5", "echo:1")[0].Hash);
        Assert.NotEqual(templates[0].Hash, Load("2", "echo:2")[0].Hash);
    }

    private static readonly WorkloadKey Debug = new(WorkloadKey.Pod, "production", "mtls-debug-pod");

    [Fact]
    public void A_bare_pod_is_started_once_under_its_name_and_not_again_while_its_old_self_is_on_its_way_out()
    {
        var template = new WorkloadTemplate(Debug, "p1", new PodTemplate());
        Assert.Equal([template], ReconcilePlan.For([template], []).Start);
        Assert.True(ReconcilePlan.For([template], [Pod("mtls-debug-pod", owner: Debug, hash: "p1")]).IsEmpty);
        // A Pod's spec cannot change in Kubernetes: another hash does not replace it.
        Assert.True(ReconcilePlan.For([template with { Hash = "p2" }], [Pod("mtls-debug-pod", owner: Debug, hash: "p1")]).IsEmpty);
        // Deleted and applied again at once: the new one waits for the old one's namespace (same name) to be gone.
        Assert.True(ReconcilePlan.For([template], [Pod("mtls-debug-pod", PodPhase.Terminating, owner: Debug, hash: "p1")]).IsEmpty);
        Assert.Equal(["mtls-debug-pod"], ReconcilePlan.For([], [Pod("mtls-debug-pod", owner: Debug, hash: "p1")]).Stop);
    }
}
