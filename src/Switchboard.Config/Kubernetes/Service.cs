using Switchboard.Config.Binding;
using Switchboard.Config.Nodes;
using Switchboard.Config.Types;

namespace Switchboard.Config.Kubernetes;

/// <summary>A Service's spec: the mesh reads its selector and ports (protocol from name or appProtocol).</summary>
public sealed record ServiceSpec
{
    public IReadOnlyDictionary<string, string>? Selector { get; init; }
    public IReadOnlyList<ServicePort> Ports { get; init; } = [];
    public string? Type { get; init; }
    public string? ClusterIP { get; init; }
    public IReadOnlyList<string> ClusterIPs { get; init; } = [];
    public string? ExternalName { get; init; }
    public IReadOnlyList<string> ExternalIPs { get; init; } = [];
    public string? SessionAffinity { get; init; }
    public ConfigNode? SessionAffinityConfig { get; init; }
    public string? LoadBalancerIP { get; init; }
    public IReadOnlyList<string> LoadBalancerSourceRanges { get; init; } = [];
    public string? LoadBalancerClass { get; init; }
    public string? ExternalTrafficPolicy { get; init; }
    public string? InternalTrafficPolicy { get; init; }
    public int? HealthCheckNodePort { get; init; }
    public bool? PublishNotReadyAddresses { get; init; }
    public IReadOnlyList<string> IpFamilies { get; init; } = [];
    public string? IpFamilyPolicy { get; init; }
    public bool? AllocateLoadBalancerNodePorts { get; init; }
    public string? TrafficDistribution { get; init; }
}

/// <summary>One Service port.</summary>
public sealed record ServicePort
{
    public string? Name { get; init; }
    public string? Protocol { get; init; }
    public string? AppProtocol { get; init; }

    [RequiredField]
    public int? Port { get; init; }

    public IntOrString? TargetPort { get; init; }
    public int? NodePort { get; init; }
}
