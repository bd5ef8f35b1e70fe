using System.Net;
using Switchboard.Config.Loading;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Up;

namespace Switchboard.Runtime.Tests.Up;

/// <summary>Pod addresses are never shared by two live pods; a Service keeps its VIP for the whole run.</summary>
public sealed class AddressTests
{
    [Fact]
    public void A_pod_address_is_reused_only_once_its_pod_is_gone()
    {
        var pool = new PodAddressPool(new NetworkLayout { Gateway = IPAddress.Parse("198.18.247.1"), PrefixLength = 25 });
        var a = pool.Take();
        var b = pool.Take();
        Assert.Equal(["198.18.247.11", "198.18.247.12"], new[] { a, b }.Select(x => x.ToString()));
        pool.Release(a);
        Assert.Equal("198.18.247.11", pool.Take().ToString());
        Assert.Equal("198.18.247.13", pool.Take().ToString());
    }

    [Fact]
    public void A_full_range_says_so()
    {
        var pool = new PodAddressPool(new NetworkLayout { Gateway = IPAddress.Parse("198.18.247.1"), PrefixLength = 28 });
        for (var i = 0; i < 4; i++) pool.Take(); // .11 to .14: .15 is the broadcast address's offset, out of range
        Assert.Throws<ArgumentOutOfRangeException>(pool.Take);
    }

    [Fact]
    public void A_service_applied_later_gets_a_new_VIP_and_the_others_keep_theirs()
    {
        static string Service(string name) => $"apiVersion: v1\nkind: Service\nmetadata: {{ name: {name}, namespace: ns }}\nspec: {{ ports: [{{ port: 80 }}] }}\n";
        var book = new ServiceAddressBook();
        var before = book.Hosts(new ConfigLoader().LoadText(Service("b") + "---\n" + Service("c"), "s.yaml").Resources, "ns");
        // "a" sorts first: a fresh numbering would move b and c.
        var after = book.Hosts(new ConfigLoader().LoadText(Service("a") + "---\n" + Service("b") + "---\n" + Service("c"), "s.yaml").Resources, "ns");
        Assert.Equal(before["b"], after["b"]);
        Assert.Equal(before["c.ns.svc.cluster.local"], after["c.ns.svc.cluster.local"]);
        Assert.Equal("198.19.0.3", after["a"].ToString());
        Assert.False(before.ContainsKey("a"));
    }

    [Fact]
    public void A_pod_without_a_proxy_resolves_a_service_to_a_running_endpoint_not_to_a_VIP_only_a_sidecar_can_route()
    {
        const string Mesh = """
            apiVersion: v1
            kind: Service
            metadata: { name: pay, namespace: ns }
            spec: { selector: { app: pay }, ports: [{ port: 8080 }] }
            ---
            apiVersion: v1
            kind: Service
            metadata: { name: idle, namespace: ns }
            spec: { selector: { app: idle }, ports: [{ port: 8080 }] }
            ---
            apiVersion: v1
            kind: Pod
            metadata: { name: pay-b, namespace: ns, labels: { app: pay } }
            status: { phase: Running, podIP: 198.18.0.12 }
            ---
            apiVersion: v1
            kind: Pod
            metadata: { name: pay-a, namespace: ns, labels: { app: pay } }
            status: { phase: Pending }
            ---
            apiVersion: v1
            kind: Pod
            metadata: { name: other, namespace: elsewhere, labels: { app: pay } }
            status: { phase: Running, podIP: 198.18.0.13 }
            """;
        var resources = new ConfigLoader().LoadText(Mesh, "mesh.yaml").Resources;
        var book = new ServiceAddressBook();
        Assert.Equal("198.19.0.2", book.Hosts(resources, "ns")["pay"].ToString());
        var plain = book.Hosts(resources, "ns", viaProxy: false);
        Assert.Equal("198.18.0.12", plain["pay"].ToString());
        Assert.Equal("198.18.0.12", plain["pay.ns.svc.cluster.local"].ToString());
        Assert.DoesNotContain("idle", plain.Keys); // no endpoint: no answer, as for a Service without endpoints
    }
}
