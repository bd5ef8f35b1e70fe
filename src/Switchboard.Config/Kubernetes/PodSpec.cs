using Switchboard.Config.Binding;
using Switchboard.Config.Nodes;
using Switchboard.Config.Types;

namespace Switchboard.Config.Kubernetes;

/// <summary>The parts of a pod spec a mesh reads: service account, containers, security context. Others are accepted as-is.</summary>
public sealed record PodSpec
{
    public string? ServiceAccountName { get; init; }

    [DeprecatedField("use serviceAccountName")]
    public string? ServiceAccount { get; init; }

    public IReadOnlyList<Container> Containers { get; init; } = [];
    public IReadOnlyList<Container> InitContainers { get; init; } = [];
    public PodSecurityContext? SecurityContext { get; init; }
    public string? RestartPolicy { get; init; }
    public long? TerminationGracePeriodSeconds { get; init; }
    public string? NodeName { get; init; }
    public bool? HostNetwork { get; init; }
    public string? Hostname { get; init; }
    public string? Subdomain { get; init; }
    public bool? AutomountServiceAccountToken { get; init; }
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = ObjectMeta.Empty;
    public ConfigNode? Volumes { get; init; }
    public ConfigNode? Affinity { get; init; }
    public ConfigNode? Tolerations { get; init; }
    public ConfigNode? ImagePullSecrets { get; init; }
    public ConfigNode? DnsConfig { get; init; }
    public string? DnsPolicy { get; init; }
    public string? PriorityClassName { get; init; }
    public string? SchedulerName { get; init; }
    public ConfigNode? TopologySpreadConstraints { get; init; }
    public ConfigNode? HostAliases { get; init; }
    public bool? ShareProcessNamespace { get; init; }
    public string? RuntimeClassName { get; init; }
    public bool? EnableServiceLinks { get; init; }
    public long? ActiveDeadlineSeconds { get; init; }
}

/// <summary>One container: what to run, its ports and the user it runs as.</summary>
public sealed record Container
{
    [RequiredField]
    public string? Name { get; init; }

    public string? Image { get; init; }
    public IReadOnlyList<string> Command { get; init; } = [];
    public IReadOnlyList<string> Args { get; init; } = [];
    public IReadOnlyList<EnvVar> Env { get; init; } = [];
    public ConfigNode? EnvFrom { get; init; }
    public IReadOnlyList<DeclaredContainerPort> Ports { get; init; } = [];
    public SecurityContext? SecurityContext { get; init; }
    public string? WorkingDir { get; init; }
    public string? ImagePullPolicy { get; init; }
    public ConfigNode? Resources { get; init; }
    public ConfigNode? VolumeMounts { get; init; }
    public ConfigNode? LivenessProbe { get; init; }
    public ConfigNode? ReadinessProbe { get; init; }
    public ConfigNode? StartupProbe { get; init; }
    public ConfigNode? Lifecycle { get; init; }
    public string? RestartPolicy { get; init; }
    public string? TerminationMessagePath { get; init; }
    public string? TerminationMessagePolicy { get; init; }
    public bool? Stdin { get; init; }
    public bool? Tty { get; init; }
}

/// <summary>An environment variable (literal value, or a reference kept as-is).</summary>
public sealed record EnvVar
{
    [RequiredField]
    public string? Name { get; init; }

    public string? Value { get; init; }
    public ConfigNode? ValueFrom { get; init; }
}

/// <summary>A port a container listens on.</summary>
public sealed record DeclaredContainerPort
{
    public string? Name { get; init; }

    [RequiredField]
    public int? ContainerPort { get; init; }

    public string? Protocol { get; init; }
    public int? HostPort { get; init; }
    public string? HostIP { get; init; }
}

/// <summary>Pod-level security context (the user every container defaults to).</summary>
public sealed record PodSecurityContext
{
    public long? RunAsUser { get; init; }
    public long? RunAsGroup { get; init; }
    public bool? RunAsNonRoot { get; init; }
    public long? FsGroup { get; init; }
    public IReadOnlyList<long> SupplementalGroups { get; init; } = [];
    public ConfigNode? SeccompProfile { get; init; }
    public ConfigNode? SeLinuxOptions { get; init; }
    public ConfigNode? Sysctls { get; init; }
    public string? FsGroupChangePolicy { get; init; }
}

/// <summary>Container-level security context (overrides the pod's).</summary>
public sealed record SecurityContext
{
    public long? RunAsUser { get; init; }
    public long? RunAsGroup { get; init; }
    public bool? RunAsNonRoot { get; init; }
    public bool? Privileged { get; init; }
    public bool? AllowPrivilegeEscalation { get; init; }
    public bool? ReadOnlyRootFilesystem { get; init; }
    public ConfigNode? Capabilities { get; init; }
    public ConfigNode? SeccompProfile { get; init; }
    public ConfigNode? SeLinuxOptions { get; init; }
    public string? ProcMount { get; init; }
}

/// <summary>A label selector with matchLabels and matchExpressions (Deployments).</summary>
public sealed record LabelSelectorSpec
{
    public IReadOnlyDictionary<string, string> MatchLabels { get; init; } = ObjectMeta.Empty;
    public ConfigNode? MatchExpressions { get; init; }
}

/// <summary>A pod template: metadata (labels) and spec.</summary>
public sealed record PodTemplate
{
    public ObjectMeta? Metadata { get; init; }
    public PodSpec? Spec { get; init; }
}
