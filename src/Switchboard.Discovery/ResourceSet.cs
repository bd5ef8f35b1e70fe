using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Switchboard.Discovery.Protocol;

namespace Switchboard.Discovery;

/// <summary>
/// Every resource of one type for one proxy shape, encoded once and shared by all the proxies of that shape:
/// ordered by name, with a digest of the whole set so "has this proxy already got exactly this?" is one comparison.
/// Immutable; compared by reference everywhere else (the digest says when two sets hold the same content).
/// </summary>
public sealed class ResourceSet
{
    private ResourceSet(string type, Resource[] resources)
    {
        Type = type;
        Resources = resources;
        Digest = ComputeDigest(resources);
    }

    public string Type { get; }

    /// <summary>The resources, ordered by name (ordinal), bodies shared with every response that carries them.</summary>
    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>SHA-256 of the names and bodies, hex.</summary>
    public string Digest { get; }

    public static ResourceSet Create(string type, IEnumerable<(string Name, byte[] Body)> resources)
    {
        var ordered = resources
            .Select(r => new Resource { Name = r.Name, Body = UnsafeByteOperations.UnsafeWrap(r.Body) })
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Name == ordered[i - 1].Name) throw new ArgumentException($"two {type} resources are named {ordered[i].Name}");
        }
        return new ResourceSet(type, ordered);
    }

    public bool SameContent(ResourceSet? other) => other is not null && (ReferenceEquals(this, other) || Digest == other.Digest);

    private static string ComputeDigest(Resource[] resources)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var resource in resources)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(resource.Name));
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, resource.Body.Length);
            hash.AppendData(length);
            hash.AppendData(resource.Body.Span);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
