using System.Security.Cryptography;
using System.Text;
using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using Switchboard.Config.Nodes;
using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Up;

/// <summary>
/// What one workload resource asks the runtime for: pods of a template (hashed, so a changed template is seen as one),
/// how many, and how their apps run. A Deployment keeps <see cref="Replicas"/> pods running whose apps always restart;
/// a Job runs pods until <see cref="Completions"/> of them succeed, at most <see cref="Replicas"/> (its parallelism) at
/// once, its apps restarted on failure or never, and gives up after <see cref="BackoffLimit"/> failures.
/// </summary>
public sealed record WorkloadTemplate(WorkloadKey Owner, string Hash, PodTemplate Template)
{
    public int Replicas { get; init; } = 1;

    /// <summary>A Job's: its pods finish, and a finished pod is not replaced.</summary>
    public bool RunsToCompletion { get; init; }

    public int Completions { get; init; } = 1;

    /// <summary>Kubernetes' default for a Job: 6.</summary>
    public int BackoffLimit { get; init; } = 6;

    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.Always;

    /// <summary>Every Deployment, then every Job, of <paramref name="resources"/>, by namespace and name.</summary>
    public static IReadOnlyList<WorkloadTemplate> From(IReadOnlyList<Resource> resources)
    {
        var templates = new List<WorkloadTemplate>();
        foreach (var deployment in Sorted(resources.OfType<Resource<DeploymentSpec>>()))
        {
            var key = new WorkloadKey(WorkloadKey.Deployment, deployment.Namespace, deployment.Name);
            templates.Add(new WorkloadTemplate(key, HashOf(deployment), deployment.Spec.Template ?? new PodTemplate()) { Replicas = Math.Max(0, deployment.Spec.Replicas ?? 1) });
        }
        foreach (var job in Sorted(resources.OfType<Resource<JobSpec>>()))
        {
            var key = new WorkloadKey(WorkloadKey.Job, job.Namespace, job.Name);
            templates.Add(new WorkloadTemplate(key, HashOf(job), job.Spec.Template ?? new PodTemplate())
            {
                RunsToCompletion = true,
                Replicas = Math.Max(0, job.Spec.Parallelism ?? 1),
                Completions = Math.Max(1, job.Spec.Completions ?? 1),
                BackoffLimit = Math.Max(0, job.Spec.BackoffLimit ?? 6),
                // A Job's pods may not say Always (Kubernetes refuses it); anything but OnFailure runs once.
                RestartPolicy = job.Spec.Template?.Spec?.RestartPolicy == "OnFailure" ? RestartPolicy.OnFailure : RestartPolicy.Never,
            });
        }
        return templates;
    }

    private static IEnumerable<Resource<T>> Sorted<T>(IEnumerable<Resource<T>> resources) where T : class =>
        resources.OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal);

    /// <summary>
    /// Kubernetes' pod-template-hash, in spirit: the template as written (not replicas), so scaling keeps the pods and
    /// any change to the template replaces them.
    /// </summary>
    private static string HashOf(Resource resource)
    {
        var template = (resource.Source.Document.Get("spec") as MappingNode)?.Get("template") is { } node ? ConfigNodeWriter.ToYaml(node) : "";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{resource.Namespace}/{resource.Name}\n{template}")))[..10];
    }
}
