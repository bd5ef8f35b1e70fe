using Switchboard.Config.Nodes;
using Switchboard.Config.Source;

namespace Switchboard.Config.Loading;

/// <summary>One document of a multi-document file: its root (null when the document is empty) and where it starts.</summary>
public sealed record ParsedDocument(ConfigNode? Root, SourceLocation Start);

/// <summary>Limits that keep hostile input from exhausting the loader (see reference/security-and-reliability.md §F).</summary>
public sealed record LoaderLimits
{
    /// <summary>Files larger than this are refused unread; config this large is a generator gone wrong.</summary>
    public long MaxFileBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Deepest nesting accepted; Envoy caps JSON nesting at 1000, real Istio config is under 20.</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Most nodes one document may expand to once aliases are followed (stops "billion laughs").</summary>
    public long MaxExpandedNodes { get; init; } = 1_000_000;

    public static LoaderLimits Default { get; } = new();
}
