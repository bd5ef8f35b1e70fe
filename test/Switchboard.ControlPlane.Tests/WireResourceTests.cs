using Switchboard.Config.Loading;
using Switchboard.Discovery;
using Switchboard.Model;
using Switchboard.Translation.Json;
using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Translate;

namespace Switchboard.ControlPlane.Tests;

/// <summary>Resources on the wire: encoded per name, diffed into deltas, and put back together into the same config.</summary>
public class WireResourceTests
{
    private static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchboard.sln"))) dir = dir.Parent;
        return Path.Combine([dir!.FullName, .. parts]);
    }

    private static MeshSnapshot Seed() => MeshSnapshot.From(new ConfigLoader().Load([Repo("examples", "payments")]).Resources);

    private static ResourceSet Set(params (string Name, string Body)[] resources) =>
        ResourceSet.Create(ResourceTypes.Clusters, resources.Select(r => (r.Name, System.Text.Encoding.UTF8.GetBytes(r.Body))));

    [Fact]
    public void Every_workloads_config_survives_encoding_and_reassembly()
    {
        var snapshot = Seed();
        foreach (var workload in snapshot.Workloads)
        {
            var config = Translator.Translate(snapshot, ProxyNode.For(workload));
            var held = HeldResources.From(config);
            Assert.True(held.Complete);
            Assert.Equal(ProxyConfigJson.Write(config), ProxyConfigJson.Write(held.ToConfig(config.Node)));
        }
    }

    [Fact]
    public void The_mesh_wide_protocol_detection_timeout_travels_with_the_proxy_part()
    {
        var config = Translator.Translate(Seed(), ProxyNode.For(Seed().Workloads[0])) with { ProtocolDetectionTimeout = TimeSpan.FromMilliseconds(1500) };
        var back = HeldResources.From(config).ToConfig(config.Node);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), back.ProtocolDetectionTimeout);
        Assert.Contains("\"protocolDetectionTimeout\": \"1.5s\"", ProxyConfigJson.Write(back));
    }

    [Fact]
    public void A_delta_carries_only_what_changed_and_the_names_removed()
    {
        var before = Set(("a", "1"), ("b", "2"), ("c", "3"));
        var after = Set(("a", "1"), ("b", "20"), ("d", "4"));
        var delta = ResourceDelta.Between(before, after);
        Assert.False(delta.Replace);
        Assert.Equal(["b", "d"], delta.Changed.Select(r => r.Name));
        Assert.Equal(["c"], delta.Removed);
        var whole = ResourceDelta.Between(null, after);
        Assert.True(whole.Replace);
        Assert.Equal(3, whole.Changed.Count);
    }

    [Fact]
    public void Equal_content_has_equal_digests_and_order_does_not_matter()
    {
        var a = Set(("x", "1"), ("y", "2"));
        var b = Set(("y", "2"), ("x", "1"));
        var c = Set(("x", "1"), ("y", "3"));
        Assert.True(a.SameContent(b));
        Assert.False(a.SameContent(c));
        Assert.Throws<ArgumentException>(() => Set(("x", "1"), ("x", "2")));
    }

    [Fact]
    public void Applying_a_delta_to_what_is_held_gives_the_new_config()
    {
        var snapshot = Seed();
        var node = ProxyNode.For(snapshot.Workloads[0]);
        var before = Translator.Translate(snapshot, node);
        // A changed route table and one cluster fewer: the delta must update one and remove the other.
        var after = before with
        {
            Clusters = before.Clusters.Skip(1).ToList(),
            RouteTables = before.RouteTables.Select(t => t with { VirtualHosts = t.VirtualHosts.Select(v => v with { Domains = [.. v.Domains, "extra.example"] }).ToList() }).ToList(),
        };
        var held = HeldResources.From(before);
        var oldSets = WireCodec.EncodeShared(before);
        foreach (var (type, set) in WireCodec.EncodeShared(after))
        {
            var delta = ResourceDelta.Between(oldSets[type], set);
            held = held.Apply(delta.ToResponse("v2", "n"));
        }
        Assert.Equal(ProxyConfigJson.Write(after), ProxyConfigJson.Write(held.ToConfig(node)));
    }

    [Fact]
    public void A_large_delta_travels_packed_once_and_unpacks_to_the_same_resources()
    {
        var big = Set(Enumerable.Range(0, 400).Select(i => ($"c{i:D4}", $"{{\"name\":\"c{i:D4}\",\"padding\":\"{new string('x', 200)}\"}}")).ToArray());
        var delta = ResourceDelta.Between(null, big);
        var first = delta.ToResponse("v1", "a");
        var second = delta.ToResponse("v1", "b");
        Assert.False(first.Packed.IsEmpty);
        Assert.Empty(first.Resources);
        Assert.Same(first.Packed, second.Packed);
        Assert.True(first.Packed.Length < delta.BodyBytes / 5, $"packed {first.Packed.Length} of {delta.BodyBytes}");
        var (changed, removed) = ResourceDelta.Contents(first);
        Assert.Equal(big.Resources.Select(r => r.Name), changed.Select(r => r.Name));
        Assert.Equal(big.Resources.Select(r => r.Body), changed.Select(r => r.Body));
        Assert.Empty(removed);
        var small = ResourceDelta.Between(null, Set(("a", "1"))).ToResponse("v1", "c");
        Assert.True(small.Packed.IsEmpty);
    }

    [Fact]
    public void A_body_that_cannot_be_decoded_is_an_error_not_a_half_applied_state()
    {
        var held = HeldResources.Empty;
        var bad = ResourceDelta.Between(null, Set(("broken", "{not json"))).ToResponse("v1", "n");
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => held.Apply(bad));
        Assert.False(held.Complete);
    }
}
