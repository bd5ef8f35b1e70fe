using System.Security.Cryptography;
using System.Text;
using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using Switchboard.Config.Nodes;
using Switchboard.Model;
using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Up;

/// <summary>
/// What one workload resource asks the runtime for: pods of a template (hashed, so a changed template is seen as one),
/// how many, and how their apps run. A Deployment keeps <see cref="Replicas"/> pods running whose apps always restart;
/// a Job runs pods until <see cref="Completions"/> of them succeed, at most <see cref="Replicas"/> (its parallelism) at
/// once, its apps restarted on failure or never, and gives up after <see cref="BackoffLimit"/> failures. A bare Pod of the
/// config is one pod by its own name (<see cref="Declared"/>), run to completion unless its restartPolicy is Always.
/// Whether its pods get a sidecar is Istio's injection rule (<see cref="SidecarInjection"/>), decided here once.
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

    /// <summary>
    /// Its pods get a sidecar and capture: false for a pod that opts out (<c>sidecar.istio.io/inject: "false"</c>) or
    /// whose namespace is not injected — such a pod's app starts at once and its traffic goes out as the app sends it.
    /// </summary>
    public bool Injected { get; init; } = true;

    /// <summary>A bare Pod's own document: its pod is named as it is, and its status is written back into it (<see cref="DeclaredPod"/>).</summary>
    public MappingNode? Declared { get; init; }

    /// <summary>Every Deployment, then every Job, then every bare Pod of <paramref name="resources"/>, by namespace and name.</summary>
    public static IReadOnlyList<WorkloadTemplate> From(IReadOnlyList<Resource> resources)
    {
        var namespaces = resources.OfType<Resource<NamespaceBody>>().GroupBy(n => n.Name).ToDictionary(g => g.Key, g => g.First().Labels);
        bool Injected(string ns, PodTemplate template) =>
            SidecarInjection.IsInjected(template.Metadata?.Labels ?? ObjectMeta.Empty, template.Metadata?.Annotations ?? ObjectMeta.Empty, namespaces.GetValueOrDefault(ns));
        var templates = new List<WorkloadTemplate>();
        foreach (var deployment in Sorted(resources.OfType<Resource<DeploymentSpec>>()))
        {
            var key = new WorkloadKey(WorkloadKey.Deployment, deployment.Namespace, deployment.Name);
            var template = deployment.Spec.Template ?? new PodTemplate();
            templates.Add(new WorkloadTemplate(key, HashOf(deployment), template)
            {
                Replicas = Math.Max(0, deployment.Spec.Replicas ?? 1),
                Injected = Injected(deployment.Namespace, template),
            });
        }
        foreach (var job in Sorted(resources.OfType<Resource<JobSpec>>()))
        {
            var key = new WorkloadKey(WorkloadKey.Job, job.Namespace, job.Name);
            var template = job.Spec.Template ?? new PodTemplate();
            templates.Add(new WorkloadTemplate(key, HashOf(job), template)
            {
                Injected = Injected(job.Namespace, template),
                RunsToCompletion = true,
                Replicas = Math.Max(0, job.Spec.Parallelism ?? 1),
                Completions = Math.Max(1, job.Spec.Completions ?? 1),
                BackoffLimit = Math.Max(0, job.Spec.BackoffLimit ?? 6),
                // A Job's pods may not say Always (Kubernetes refuses it); anything but OnFailure runs once.
                RestartPolicy = job.Spec.Template?.Spec?.RestartPolicy == "OnFailure" ? RestartPolicy.OnFailure : RestartPolicy.Never,
            });
        }
        // A Pod the runtime stored for a Deployment's or Job's pod names its owner; one without is the user's own, as in
        // Kubernetes (a bare pod, like the seed's mtls-debug-pod).
        foreach (var pod in Sorted(resources.OfType<Resource<PodBody>>()).Where(p => p.Metadata.OwnerReferences is null))
        {
            var key = new WorkloadKey(WorkloadKey.Pod, pod.Namespace, pod.Name);
            var template = new PodTemplate { Metadata = pod.Metadata, Spec = pod.Spec.Spec };
            var restart = pod.Spec.Spec?.RestartPolicy switch { "Never" => RestartPolicy.Never, "OnFailure" => RestartPolicy.OnFailure, _ => RestartPolicy.Always };
            templates.Add(new WorkloadTemplate(key, HashOf(key, DeclaredPod.Template(pod.Source.Document)), template)
            {
                Injected = Injected(pod.Namespace, template),
                Declared = pod.Source.Document,
                RestartPolicy = restart,
                RunsToCompletion = restart != RestartPolicy.Always,
                BackoffLimit = 0,
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
        return HashText(resource.Namespace, resource.Name, template);
    }

    private static string HashOf(WorkloadKey key, ConfigNode template) => HashText(key.Namespace, key.Name, ConfigNodeWriter.ToYaml(template));

    private static string HashText(string ns, string name, string template) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ns}/{name}\n{template}")))[..10];
}
