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
public sealed class TranslationCache(MeshSnapshot snapshot, Func<Switchboard.Authentication.Config.JwksSource, Switchboard.Authentication.Config.JwksFetchResult?>? jwks = null)
{
    private readonly ConcurrentDictionary<string, Lazy<ShapeTranslation>> _byShape = new(StringComparer.Ordinal);
    private readonly ProxyShapes _shapes = new(snapshot);

    public MeshSnapshot Snapshot { get; } = snapshot;

    /// <summary>How many shapes were translated (for the benchmark and tests).</summary>
    public int ShapeCount => _byShape.Count;

    /// <summary>
    /// The whole config of one proxy: its shape's translation with its own node and inbound policy (the parts that
    /// depend on the workload itself) — equal to translating for it alone.
    /// </summary>
    public ProxyConfig ConfigFor(ProxyNode node) => ConfigFor(For(node), node);

    /// <summary>The same, for a proxy whose shape translation the caller already has.</summary>
    public ProxyConfig ConfigFor(ShapeTranslation shape, ProxyNode node) => shape.Config with { Node = node, Inbound = Translator.InboundFor(Snapshot, node, jwks), Telemetry = Translator.TelemetryFor(Snapshot, node) };

    public ShapeTranslation For(ProxyNode node) => _byShape.GetOrAdd(_shapes.KeyFor(node), _ => new Lazy<ShapeTranslation>(() =>
    {
        var config = Translator.Translate(Snapshot, node);
        return new ShapeTranslation(config, WireCodec.EncodeShared(config));
    })).Value;
}
