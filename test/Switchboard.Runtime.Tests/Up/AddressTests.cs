using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using System.Net;
using Switchboard.Config.Loading;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Up;

namespace Switchboard.Runtime.Tests.Up;

/// <summary>Pod addresses are never shared by two live pods; a Service keeps its VIP for the whole run.</summary>
public sealed class AddressTests
{
    [Fact]
    public void A_pod_address_is_reused_only_once_its_pod_is_gone_and_the_others_were_handed_out_first()
    {
        var pool = new PodAddressPool(new NetworkLayout { Gateway = IPAddress.Parse("198.18.247.1"), PrefixLength = 28 });
        var a = pool.Take();
        var b = pool.Take();
        Assert.Equal(["198.18.247.11", "198.18.247.12"], new[] { a, b }.Select(x => x.ToString()));
        pool.Release(a);
        // Not .11 again at once: callers may still hold its old pod's connections and ARP entry.
        Assert.Equal(["198.18.247.13", "198.18.247.14"], new[] { pool.Take(), pool.Take() }.Select(x => x.ToString()));
        // The end of the range wraps to the released one; .12 is still held.
        Assert.Equal("198.18.247.11", pool.Take().ToString());
        pool.Release(IPAddress.Parse("198.18.247.14"));
        pool.Release(IPAddress.Parse("198.18.247.12"));
        Assert.Equal("198.18.247.12", pool.Take().ToString());
        Assert.Equal("198.18.247.14", pool.Take().ToString());
    }

    [Fact]
    public void A_pods_MAC_follows_from_its_address()
    {
        Assert.Equal("02:5b:c6:12:f7:0b", NetworkLayout.MacOf(IPAddress.Parse("198.18.247.11")));
        Assert.Throws<ArgumentException>(() => NetworkLayout.MacOf(IPAddress.IPv6Loopback));
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
    public void A_service_without_a_clusterIP_is_given_its_VIP_as_the_API_server_would_and_a_declared_one_is_kept()
    {
        const string Services = """
            apiVersion: v1
            kind: Service
            metadata: { name: pay, namespace: ns, labels: { app: pay } }
            spec: { selector: { app: pay }, ports: [{ name: http, port: 8080 }] }
            ---
            apiVersion: v1
            kind: Service
            metadata: { name: fixed, namespace: ns }
            spec: { clusterIP: 10.96.0.20, ports: [{ port: 80 }] }
            ---
            apiVersion: v1
            kind: Service
            metadata: { name: headless, namespace: ns }
            spec: { clusterIP: None, ports: [{ port: 80 }] }
            ---
            apiVersion: v1
            kind: Service
            metadata: { name: outside, namespace: ns }
            spec: { type: ExternalName, externalName: example.com }
            """;
        var book = new ServiceAddressBook();
        var resources = new ConfigLoader().LoadText(Services, "s.yaml").Resources;
        var hosts = book.Hosts(resources, "ns");
        var document = Assert.Single(book.ClusterIpDocuments(resources));
        var filled = Assert.IsType<Resource<ServiceSpec>>(Assert.Single(new ConfigLoader().LoadText(document, "filled.yaml").Resources));
        Assert.Equal(hosts["pay"].ToString(), filled.Spec.ClusterIP);
        Assert.Equal("pay", filled.Labels["app"]);
        Assert.Equal(8080, Assert.Single(filled.Spec.Ports).Port);
        Assert.Equal("10.96.0.20", hosts["fixed"].ToString());
        // Once filled in, nothing more to allocate, and the hosts file keeps the same address.
        Assert.Empty(book.ClusterIpDocuments([filled]));
        Assert.Equal(hosts["pay"], book.Hosts([filled], "ns")["pay"]);
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
