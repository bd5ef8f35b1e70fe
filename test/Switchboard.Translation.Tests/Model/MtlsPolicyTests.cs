using Switchboard.Config.Security;
using Switchboard.Model;
using Switchboard.Translation.Tests.TestSupport;

namespace Switchboard.Translation.Tests.Model;

/// <summary>
/// PeerAuthentication precedence (reference/istio-api.md §2.1) as <see cref="MtlsPolicy.For"/> resolves it, as a table:
/// the policies of a case are added to a mesh with namespaces istio-system (the root) and shop, and the mode is asked
/// for the workload shop with labels <c>app=api</c>, optionally on one container port.
/// </summary>
public sealed class MtlsPolicyTests
{
    private static readonly IReadOnlyDictionary<string, string> Api = new Dictionary<string, string> { ["app"] = "api" };

    /// <summary>One PeerAuthentication; <paramref name="extra"/> is spec YAML after mtls (selector, portLevelMtls), 2-space indented.</summary>
    private static string Policy(string ns, string name, string? mode, string extra = "", string? created = null) => $"""
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata:
          name: {name}
          namespace: {ns}
        {(created is null ? "" : $"  creationTimestamp: \"{created}\"")}
        spec:
        {(mode is null ? "  mtls: {}" : $"  mtls: {{mode: {mode}}}")}
        {extra}
        ---

        """;

    private const string SelectApi = "  selector: {matchLabels: {app: api}}";

    public static TheoryData<string, string, int?, MtlsMode, string?> Cases() => new()
    {
        { "no policy: Istio's default", "", null, MtlsMode.Permissive, null },
        { "mesh only", Policy("istio-system", "default", "STRICT"), null, MtlsMode.Strict, "istio-system/default" },
        { "namespace over mesh", Policy("istio-system", "default", "STRICT") + Policy("shop", "default", "PERMISSIVE"), null, MtlsMode.Permissive, "shop/default" },
        { "namespace policy of another namespace does not apply", Policy("other", "default", "DISABLE"), null, MtlsMode.Permissive, null },
        { "workload over namespace", Policy("shop", "default", "STRICT") + Policy("shop", "api", "DISABLE", SelectApi), null, MtlsMode.Disable, "shop/api" },
        { "workload policy for other labels does not apply", Policy("shop", "default", "STRICT") + Policy("shop", "web", "DISABLE", "  selector: {matchLabels: {app: web}}"), null, MtlsMode.Strict, "shop/default" },
        { "UNSET namespace inherits the mesh", Policy("istio-system", "default", "STRICT") + Policy("shop", "default", "UNSET"), null, MtlsMode.Strict, "istio-system/default" },
        { "no mtls at all inherits too", Policy("istio-system", "default", "DISABLE") + Policy("shop", "default", null), null, MtlsMode.Disable, "istio-system/default" },
        { "UNSET workload inherits the namespace", Policy("shop", "default", "STRICT") + Policy("shop", "api", "UNSET", SelectApi), null, MtlsMode.Strict, "shop/default" },
        { "UNSET everywhere ends at PERMISSIVE", Policy("istio-system", "default", "UNSET") + Policy("shop", "api", "UNSET", SelectApi), null, MtlsMode.Permissive, null },
        { "portLevelMtls overrides its port", Policy("shop", "default", "STRICT") + Policy("shop", "api", null, SelectApi + "\n  portLevelMtls: {\"8080\": {mode: PERMISSIVE}}"), 8080, MtlsMode.Permissive, "shop/api" },
        { "portLevelMtls leaves other ports alone", Policy("shop", "default", "STRICT") + Policy("shop", "api", null, SelectApi + "\n  portLevelMtls: {\"8080\": {mode: PERMISSIVE}}"), 9090, MtlsMode.Strict, "shop/default" },
        { "portLevelMtls does not apply without a port", Policy("shop", "default", "STRICT") + Policy("shop", "api", null, SelectApi + "\n  portLevelMtls: {\"8080\": {mode: PERMISSIVE}}"), null, MtlsMode.Strict, "shop/default" },
        { "UNSET port inherits the workload mode", Policy("shop", "default", "PERMISSIVE") + Policy("shop", "api", "STRICT", SelectApi + "\n  portLevelMtls: {\"8080\": {mode: UNSET}}"), 8080, MtlsMode.Strict, "shop/api" },
        { "selector policy in the root namespace is ignored", Policy("istio-system", "api", "STRICT", SelectApi), null, MtlsMode.Permissive, null },
        { "root selector policy does not beat the mesh policy", Policy("istio-system", "default", "STRICT") + Policy("istio-system", "api", "DISABLE", SelectApi), null, MtlsMode.Strict, "istio-system/default" },
        { "two namespace policies: the oldest wins", Policy("shop", "newer", "STRICT", created: "2024-02-01T00:00:00Z") + Policy("shop", "older", "DISABLE", created: "2024-01-01T00:00:00Z"), null, MtlsMode.Disable, "shop/older" },
        { "two mesh policies: the oldest wins", Policy("istio-system", "newer", "DISABLE", created: "2024-02-01T00:00:00Z") + Policy("istio-system", "older", "STRICT", created: "2024-01-01T00:00:00Z"), null, MtlsMode.Strict, "istio-system/older" },
        { "two workload policies: the oldest wins", Policy("shop", "newer", "STRICT", SelectApi, "2024-02-01T00:00:00Z") + Policy("shop", "older", "PERMISSIVE", SelectApi, "2024-01-01T00:00:00Z"), null, MtlsMode.Permissive, "shop/older" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Effective_mode_follows_istio_precedence(string because, string policies, int? port, MtlsMode mode, string? policy)
    {
        var snapshot = Mesh.Snapshot("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: istio-system}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            """ + "\n" + policies);

        var effective = MtlsPolicy.For(snapshot, "shop", Api, port);

        Assert.True(new EffectiveMtls(mode, policy) == effective, $"{because}: expected {mode} by {policy ?? "default"}, got {effective}");
    }

    [Fact]
    public void Mode_name_is_written_as_istio_writes_it()
    {
        Assert.Equal("STRICT", new EffectiveMtls(MtlsMode.Strict, null).ModeName);
        Assert.Equal("PERMISSIVE", new EffectiveMtls(MtlsMode.Permissive, null).ModeName);
        Assert.Equal("DISABLE", new EffectiveMtls(MtlsMode.Disable, null).ModeName);
    }
}
