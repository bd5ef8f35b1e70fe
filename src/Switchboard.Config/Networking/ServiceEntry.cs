namespace Switchboard.Config.Networking;

/// <summary>Whether a ServiceEntry's service is part of the mesh.</summary>
public enum ServiceEntryLocation { MeshExternal, MeshInternal }

/// <summary>How a ServiceEntry's endpoints are found.</summary>
public enum ServiceEntryResolution { None, Static, Dns, DnsRoundRobin, DynamicDns }

/// <summary>ServiceEntry spec: adds a service to the mesh's registry. reference/istio-api.md §1.4.</summary>
public sealed record ServiceEntrySpec
{
    /// <summary>1–256 hosts; never <c>*</c>.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>VIPs or CIDRs; empty means the service is identified by port only.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    public IReadOnlyList<ServiceEntryPort> Ports { get; init; } = [];

    /// <summary>Default MESH_EXTERNAL.</summary>
    public ServiceEntryLocation? Location { get; init; }

    /// <summary>Default NONE.</summary>
    public ServiceEntryResolution? Resolution { get; init; }

    /// <summary>Up to 4096 endpoints; exclusive with <see cref="WorkloadSelector"/>.</summary>
    public IReadOnlyList<WorkloadEntrySpec> Endpoints { get; init; } = [];

    /// <summary>Selects pods and WorkloadEntries of the same namespace (MESH_INTERNAL only).</summary>
    public WorkloadSelector? WorkloadSelector { get; init; }

    public IReadOnlyList<string> ExportTo { get; init; } = [];
    public IReadOnlyList<string> SubjectAltNames { get; init; } = [];
}

/// <summary>A ServiceEntry port: number, protocol, unique name, optional target port.</summary>
public sealed record ServiceEntryPort
{
    public uint Number { get; init; }
    public string? Protocol { get; init; }
    public string? Name { get; init; }
    public uint? TargetPort { get; init; }
}
