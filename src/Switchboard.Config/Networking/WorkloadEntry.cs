namespace Switchboard.Config.Networking;

/// <summary>WorkloadEntry spec: a non-Kubernetes workload (VM, bare metal). Also a ServiceEntry endpoint. §1.5.</summary>
public sealed record WorkloadEntrySpec
{
    /// <summary>An IP, an FQDN (DNS resolution only) or a <c>unix://</c> socket; empty requires <see cref="Network"/>.</summary>
    public string? Address { get; init; }

    /// <summary>Port name → number; overrides the ServiceEntry's targetPort.</summary>
    public IReadOnlyDictionary<string, uint> Ports { get; init; } = EmptyPorts;

    public IReadOnlyDictionary<string, string> Labels { get; init; } = ObjectMeta.Empty;
    public string? Network { get; init; }

    /// <summary><c>region/zone/subzone</c>.</summary>
    public string? Locality { get; init; }

    public uint? Weight { get; init; }

    /// <summary>A ServiceAccount of the entry's namespace.</summary>
    public string? ServiceAccount { get; init; }

    internal static readonly IReadOnlyDictionary<string, uint> EmptyPorts = new Dictionary<string, uint>();
}
