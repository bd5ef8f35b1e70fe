using Switchboard.Authorization.Policies;
using Switchboard.Authorization.Tests.TestSupport;
using Switchboard.Config.Loading;
using Switchboard.Model;

namespace Switchboard.Authorization.Tests.Policies;

/// <summary>Which policies apply to a workload: selector, namespace-wide, root namespace; targetRefs unsupported.</summary>
public sealed class AuthzPolicySelectorTests
{
    private static readonly string Mesh = string.Join("---\n",
        TestPolicies.Doc("rules:\n- {}", name: "mesh-wide", ns: "istio-system"),
        TestPolicies.Doc("selector:\n  matchLabels:\n    app: web\nrules:\n- {}", name: "root-selected", ns: "istio-system"),
        TestPolicies.Doc("rules:\n- {}", name: "ns-wide", ns: "shop"),
        TestPolicies.Doc("selector:\n  matchLabels:\n    app: web\nrules:\n- {}", name: "web-only", ns: "shop"),
        TestPolicies.Doc("selector:\n  matchLabels:\n    app: db\nrules:\n- {}", name: "db-only", ns: "shop"),
        TestPolicies.Doc("rules:\n- {}", name: "elsewhere", ns: "other"),
        TestPolicies.Doc("targetRefs:\n- kind: Gateway\n  group: gateway.networking.k8s.io\n  name: gw\nrules:\n- {}", name: "gateway", ns: "shop"));

    private static readonly MeshSnapshot Snapshot = MeshSnapshot.From(new ConfigLoader().LoadText(Mesh, "mesh.yaml").Resources);

    [Fact]
    public void Workload_gets_its_own_namespace_and_mesh_policies()
    {
        var selection = AuthzPolicySelector.For(Snapshot, "shop", new Dictionary<string, string> { ["app"] = "web" });
        Assert.Equal(["istio-system/mesh-wide", "istio-system/root-selected", "shop/ns-wide", "shop/web-only"], selection.Policies.Select(p => p.Key));
        Assert.Equal(["shop/gateway"], selection.Unsupported);
    }

    [Fact]
    public void Selector_must_match_the_labels()
    {
        var selection = AuthzPolicySelector.For(Snapshot, "shop", new Dictionary<string, string> { ["app"] = "db" });
        Assert.Equal(["istio-system/mesh-wide", "shop/db-only", "shop/ns-wide"], selection.Policies.Select(p => p.Key));
    }

    [Fact]
    public void Other_namespaces_policies_do_not_apply()
    {
        var selection = AuthzPolicySelector.For(Snapshot, "quiet", new Dictionary<string, string>());
        Assert.Equal(["istio-system/mesh-wide"], selection.Policies.Select(p => p.Key));
    }
}
