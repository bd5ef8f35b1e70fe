namespace Switchboard.Telemetry.Expressions;

/// <summary>
/// Bounds that keep hostile expressions from exhausting the stack or the CPU of the control plane or the proxy.
/// Real Telemetry filters are a few dozen characters and a handful of levels deep.
/// </summary>
public static class ExpressionLimits
{
    /// <summary>The longest expression accepted, in UTF-16 code units.</summary>
    public const int MaxLength = 16 * 1024;

    /// <summary>
    /// The deepest nesting accepted: parentheses, calls and lists, and the height of the tree the parser builds
    /// (chains of <c>&amp;&amp;</c>/<c>||</c> are balanced, so long conjunctions stay shallow).
    /// </summary>
    public const int MaxDepth = 64;
}
