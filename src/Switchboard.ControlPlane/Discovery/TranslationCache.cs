using System.Collections.Concurrent;
using Switchboard.Discovery;
using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;
using Switchboard.Translation.Translate;

namespace Switchboard.ControlPlane.Discovery;

/// <summary>A shape's translation and its resources encoded for the wire, shared by every proxy of the shape.</summary>
public sealed record ShapeTranslation(ProxyConfig Config, IReadOnlyDictionary<string, ResourceSet> Resources);

/// <summary>
/// Translations of one snapshot, one per proxy shape (<see cref="ProxyShapes"/>: namespace plus the few label
/// selectors translation reads), translated and encoded on first use, so every replica and every look-alike
/// workload of a namespace shares one. A new snapshot starts a new cache.
/// </summary>
public sealed class TranslationCache(MeshSnapshot snapshot)
{
    private readonly ConcurrentDictionary<string, Lazy<ShapeTranslation>> _byShape = new(StringComparer.Ordinal);
    private readonly ProxyShapes _shapes = new(snapshot);

    public MeshSnapshot Snapshot { get; } = snapshot;

    /// <summary>How many shapes were translated (for the benchmark and tests).</summary>
    public int ShapeCount => _byShape.Count;

    public ShapeTranslation For(ProxyNode node) => _byShape.GetOrAdd(_shapes.KeyFor(node), _ => new Lazy<ShapeTranslation>(() =>
    {
        var config = Translator.Translate(Snapshot, node);
        return new ShapeTranslation(config, WireCodec.EncodeShared(config));
    })).Value;
}
