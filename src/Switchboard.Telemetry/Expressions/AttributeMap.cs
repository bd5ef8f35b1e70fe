namespace Switchboard.Telemetry.Expressions;

/// <summary>
/// The map-valued attributes an expression can index. Envoy indexes header maps by lower-cased name, so the
/// evaluator lower-cases header keys before <see cref="IAttributeSource.TryGetEntry"/>; filter-state keys are exact.
/// </summary>
public enum AttributeMap
{
    /// <summary><c>request.headers</c>: string values, repeated headers comma-joined (Envoy attributes doc).</summary>
    RequestHeaders,

    /// <summary><c>response.headers</c>.</summary>
    ResponseHeaders,

    /// <summary><c>response.trailers</c>.</summary>
    ResponseTrailers,

    /// <summary><c>filter_state</c>: values of any kind.</summary>
    FilterState,

    /// <summary><c>upstream_filter_state</c>.</summary>
    UpstreamFilterState,
}
