using System.IO.Compression;
using Google.Protobuf;
using Switchboard.Discovery.Protocol;

namespace Switchboard.Discovery;

/// <summary>
/// What turns the set a proxy holds into the one it should hold: the resources added or changed and the names
/// removed, or the whole set when the proxy holds nothing yet. Computed once per pair of sets and shared by every
/// proxy making the same step, then stamped with each proxy's version and nonce.
/// </summary>
public sealed class ResourceDelta
{
    private ResourceDelta(ResourceSet target, IReadOnlyList<Resource> changed, IReadOnlyList<string> removed, bool replace)
    {
        Target = target;
        Changed = changed;
        Removed = removed;
        Replace = replace;
    }

    public ResourceSet Target { get; }
    public IReadOnlyList<Resource> Changed { get; }
    public IReadOnlyList<string> Removed { get; }
    public bool Replace { get; }

    /// <summary>The step from <paramref name="held"/> (null: nothing held) to <paramref name="target"/>.</summary>
    public static ResourceDelta Between(ResourceSet? held, ResourceSet target)
    {
        if (held is null) return new ResourceDelta(target, target.Resources, [], replace: true);
        var changed = new List<Resource>();
        var removed = new List<string>();
        var (a, b) = (held.Resources, target.Resources);
        int i = 0, j = 0;
        // Both sets are ordered by name: one merge walk finds additions, changes and removals.
        while (i < a.Count || j < b.Count)
        {
            var order = i == a.Count ? 1 : j == b.Count ? -1 : string.CompareOrdinal(a[i].Name, b[j].Name);
            if (order < 0) removed.Add(a[i++].Name);
            else if (order > 0) changed.Add(b[j++]);
            else
            {
                if (!a[i].Body.Span.SequenceEqual(b[j].Body.Span)) changed.Add(b[j]);
                i++;
                j++;
            }
        }
        return new ResourceDelta(target, changed, removed, replace: false);
    }

    /// <summary>Deltas larger than this travel packed (gzip): below it, compressing costs more than it saves.</summary>
    public const int PackAbove = 64 * 1024;

    private ByteString? _packed;

    /// <summary>The bytes of the changed resources' bodies.</summary>
    public long BodyBytes => Changed.Sum(r => (long)r.Body.Length);

    /// <summary>
    /// The response for one proxy: this delta with its version and nonce. Resource messages are shared, not copied;
    /// a large delta is compressed once, on first use, and the same packed bytes go to every proxy.
    /// </summary>
    public DiscoveryResponse ToResponse(string version, string nonce)
    {
        var response = new DiscoveryResponse { TypeUrl = Target.Type, VersionInfo = version, Nonce = nonce, Replace = Replace };
        if (BodyBytes > PackAbove)
        {
            response.Packed = LazyInitializer.EnsureInitialized(ref _packed, Pack);
            return response;
        }
        response.Resources.AddRange(Changed);
        response.Removed.AddRange(Removed);
        return response;
    }

    private ByteString Pack()
    {
        var batch = new ResourceBatch();
        batch.Resources.AddRange(Changed);
        batch.Removed.AddRange(Removed);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) batch.WriteTo(gzip);
        return UnsafeByteOperations.UnsafeWrap(buffer.ToArray());
    }

    /// <summary>The resources and removed names of <paramref name="response"/>, unpacked if it came packed.</summary>
    public static (IReadOnlyList<Resource> Changed, IReadOnlyList<string> Removed) Contents(DiscoveryResponse response)
    {
        if (response.Packed.IsEmpty) return (response.Resources, response.Removed);
        using var gzip = new GZipStream(new MemoryStream(response.Packed.ToByteArray()), CompressionMode.Decompress);
        var batch = ResourceBatch.Parser.ParseFrom(gzip);
        return (batch.Resources, batch.Removed);
    }
}
