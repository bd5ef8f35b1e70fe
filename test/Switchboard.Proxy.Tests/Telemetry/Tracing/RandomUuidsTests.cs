using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Switchboard.Proxy.Telemetry.Tracing;

namespace Switchboard.Proxy.Tests.Telemetry.Tracing;

/// <summary>
/// The buffered UUIDs behind <c>x-request-id</c>: version 4 with the RFC variant in their text form (what Envoy and Istio
/// users parse), never repeated, on many threads at once and across the per-thread buffer's refills (256 ids each).
/// </summary>
public sealed class RandomUuidsTests
{
    private static readonly Regex V4 = new("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

    [Fact]
    public void Ids_are_version_4_uuids_and_never_repeat_across_threads_and_refills()
    {
        var seen = new ConcurrentDictionary<string, bool>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var id = RandomUuids.Next().ToString();
                Assert.Matches(V4, id);
                Assert.True(seen.TryAdd(id, true), $"repeated id {id}");
            }
        });
        Assert.Equal(16_000, seen.Count);
    }

    [Fact]
    public void Every_bit_outside_version_and_variant_varies()
    {
        // A buffer slice handed out twice, or a byte left zero, shows as a bit that never changes over a few thousand ids.
        var ones = new int[128];
        const int count = 4_000;
        for (var i = 0; i < count; i++)
        {
            var bytes = RandomUuids.Next().ToByteArray(bigEndian: true);
            for (var bit = 0; bit < 128; bit++) ones[bit] += (bytes[bit / 8] >> (7 - bit % 8)) & 1;
        }
        // Big-endian text order: bits 48-51 are the version (0100), bits 64-65 the variant (10).
        int[] fixedBits = [48, 49, 50, 51, 64, 65];
        for (var bit = 0; bit < 128; bit++)
        {
            if (fixedBits.Contains(bit)) continue;
            Assert.InRange(ones[bit], count * 4 / 10, count * 6 / 10);
        }
        Assert.Equal([0, count, 0, 0, count, 0], fixedBits.Select(b => ones[b]).ToArray());
    }
}
