using Switchboard.Config;
using Switchboard.Config.Networking;

namespace Switchboard.Model;

/// <summary>A VirtualService with its hosts resolved in its own namespace (Istio's short-name rule).</summary>
public sealed record VirtualServiceModel
{
    public required Resource<VirtualServiceSpec> Resource { get; init; }

    /// <summary>Hosts as FQDNs (<c>payment-service</c> in <c>production</c> → <c>payment-service.production.svc.cluster.local</c>).</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>Position in <see cref="ConfigOrder"/>: the older VirtualService wins a contested host.</summary>
    public int Ordinal { get; init; }

    public string Name => Resource.Name;
    public string Namespace => Resource.Namespace;
    public VirtualServiceSpec Spec => Resource.Spec;

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => $"{Namespace}/{Name}";
}
