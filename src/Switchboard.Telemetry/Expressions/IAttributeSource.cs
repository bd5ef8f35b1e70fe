namespace Switchboard.Telemetry.Expressions;

/// <summary>
/// The per-request attributes an expression reads (https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/advanced/attributes).
/// Paths are resolved to ids when the expression is parsed, so implementations switch on an enum and never parse
/// strings; returning false means "absent", which the expression sees as an error value that <c>has()</c> can test.
/// </summary>
public interface IAttributeSource
{
    /// <summary>A scalar attribute, e.g. <see cref="AttributeId.ResponseCode"/> as <see cref="Value.Int"/>.</summary>
    bool TryGet(AttributeId id, out Value value);

    /// <summary>
    /// One entry of a map attribute. Header keys arrive lower-cased; header values are strings, repeated headers
    /// comma-joined as Envoy does.
    /// </summary>
    bool TryGetEntry(AttributeMap map, string key, out Value value);
}
