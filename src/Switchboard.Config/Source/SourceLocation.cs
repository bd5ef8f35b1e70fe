namespace Switchboard.Config.Source;

/// <summary>Where a piece of config came from: file, 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location for a whole file, before any line is known.</summary>
    public static SourceLocation OfFile(string file) => new(file, 1, 1);

    public override string ToString() => $"{File}:{Line}";
}
