namespace Switchboard.Runtime.Up;

/// <summary>
/// The workload resource a pod belongs to (its owner): a Deployment or a Job, by namespace and name — or, for a bare
/// <c>kind: Pod</c> of the config, that Pod itself (the pod is named as it is).
/// </summary>
public sealed record WorkloadKey(string Kind, string Namespace, string Name)
{
    public const string Deployment = "Deployment";
    public const string Job = "Job";
    public const string Pod = "Pod";

    public override string ToString() => $"{Kind.ToLowerInvariant()} {Namespace}/{Name}";
}
