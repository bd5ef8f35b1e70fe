namespace Switchboard.Config.Source;

/// <summary>What kind of problem the loader found; the analysis layer maps each to a catalogue code.</summary>
public enum ProblemKind
{
    /// <summary>The file could not be read or parsed at all (istioctl exits 65 for these).</summary>
    Unparseable,
    /// <summary>A resource breaks its schema: unknown field, wrong type, bad value (IST0106).</summary>
    Schema,
    /// <summary>A resource is usable but suspicious, e.g. an empty document (IST0133).</summary>
    SchemaWarning,
    /// <summary>A resource uses a deprecated field or value (IST0002).</summary>
    Deprecated,
}

/// <summary>One problem found while loading config, located in its file and, when known, its resource.</summary>
public sealed record ConfigProblem(ProblemKind Kind, string Message, SourceLocation Location, ResourceKey? Resource = null);
