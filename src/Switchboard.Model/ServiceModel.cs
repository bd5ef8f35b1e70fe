using System.Net;
using Switchboard.Config;
using Switchboard.Config.Networking;

namespace Switchboard.Model;

/// <summary>Where a service came from: a Kubernetes Service or one host of a ServiceEntry.</summary>
public enum ServiceSourceKind { KubernetesService, ServiceEntry }

/// <summary>
/// A service the mesh can route to: a Kubernetes Service (host <c>name.ns.svc.cluster.local</c>) or one host of a
/// ServiceEntry (host as written, possibly <c>*.example.com</c>), with its ports, selector, addresses and visibility.
/// </summary>
public sealed record ServiceModel
{
    /// <summary>The FQDN (or ServiceEntry host) the service is known by.</summary>
    public required string Host { get; init; }

    /// <summary>The Service's name; for a ServiceEntry, the host.</summary>
    public required string Name { get; init; }

    public required string Namespace { get; init; }
    public required ServiceSourceKind SourceKind { get; init; }

    /// <summary>Ports in declaration order.</summary>
    public IReadOnlyList<ServicePortModel> Ports { get; init; } = [];

    /// <summary>Label selector (a Service's <c>selector</c>, a ServiceEntry's <c>workloadSelector.labels</c>); null when none.</summary>
    public IReadOnlyDictionary<string, string>? Selector { get; init; }

    /// <summary>Service <c>clusterIP(s)</c> or ServiceEntry <c>addresses</c> (which may be CIDRs).</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>Namespaces that see the service; empty means all.</summary>
    public IReadOnlyList<string> ExportTo { get; init; } = [];

    /// <summary>ServiceEntry resolution (null for Kubernetes Services).</summary>
    public ServiceEntryResolution? Resolution { get; init; }

    /// <summary>ServiceEntry location (null for Kubernetes Services).</summary>
    public ServiceEntryLocation? Location { get; init; }

    /// <summary>The resource the service was built from (for diagnostics).</summary>
    public required Resource Source { get; init; }

    /// <summary>Position in <see cref="ConfigOrder"/> among all resources (older first).</summary>
    public int Ordinal { get; init; }

    /// <summary>The first address that is a single IP (not a CIDR): what the service's name resolves to.</summary>
    public string? Vip => Addresses.FirstOrDefault(a => !a.Contains('/') && IPAddress.TryParse(a, out _));

    public bool IsServiceEntry => SourceKind == ServiceSourceKind.ServiceEntry;

    public ServicePortModel? FindPort(int number) => Ports.FirstOrDefault(p => p.Number == number);

    public ServiceKey Key => new(SourceKind, Namespace, Host);
}

/// <summary>Identifies one service model: a ServiceEntry host may repeat across namespaces, so the key holds all three.</summary>
public readonly record struct ServiceKey(ServiceSourceKind SourceKind, string Namespace, string Host);
