namespace Switchboard.Model;

/// <summary>Mesh-wide settings a snapshot is built with (Istio's defaults: cluster domain and root namespace).</summary>
public sealed record MeshOptions
{
    /// <summary>The DNS suffix of cluster services: <c>name.ns.svc.&lt;ClusterDomain&gt;</c>.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>Istio's root namespace: its DestinationRules (and Sidecars) are the mesh-wide fallback.</summary>
    public string RootNamespace { get; init; } = "istio-system";

    /// <summary>The SPIFFE trust domain of workload identities: <c>spiffe://&lt;TrustDomain&gt;/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c>.</summary>
    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>MeshConfig <c>pathNormalization.normalization</c>: NONE, BASE (Istio's default), MERGE_SLASHES, DECODE_AND_MERGE_SLASHES.</summary>
    public string PathNormalization { get; init; } = "BASE";

    /// <summary>
    /// MeshConfig <c>protocolDetectionTimeout</c>: how long a sidecar waits for a captured connection's first bytes before
    /// taking it for TCP; zero waits for ever (Istio's default); null when the mesh config does not say (the proxy's own
    /// default then applies).
    /// </summary>
    public TimeSpan? ProtocolDetectionTimeout { get; init; }

    /// <summary>MeshConfig <c>extensionProviders</c> of kind envoyExtAuthzHttp, for CUSTOM AuthorizationPolicies.</summary>
    public IReadOnlyList<ExtAuthzProvider> ExtAuthzProviders { get; init; } = [];

    /// <summary>MeshConfig's telemetry settings: extension providers for tracing and access logs, defaults, legacy access log.</summary>
    public TelemetryDefaults Telemetry { get; init; } = new();

    /// <summary>The SPIFFE ID of a service account.</summary>
    public string SpiffeId(string ns, string serviceAccount) => $"spiffe://{TrustDomain}/ns/{ns}/sa/{serviceAccount}";

    public static MeshOptions Default { get; } = new();
}
