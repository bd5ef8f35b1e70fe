using Switchboard.Config.Source;

namespace Switchboard.Config;

/// <summary>
/// Where a resource and each of its fields came from. Field paths read as in messages:
/// <c>spec.http[0].route[1].destination.subset</c>, map entries as <c>metadata.labels[app]</c>.
/// </summary>
public sealed class ResourceSource(SourceLocation location, IReadOnlyDictionary<string, SourceLocation> fields)
{
    /// <summary>The start of the resource's document.</summary>
    public SourceLocation Location { get; } = location;

    public string File => Location.File;

    /// <summary>The location of <paramref name="path"/>, or of its nearest ancestor that has one.</summary>
    public SourceLocation Locate(string path)
    {
        var p = path;
        while (p.Length > 0)
        {
            if (fields.TryGetValue(p, out var at)) return at;
            var cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            if (cut <= 0) break;
            p = p[..cut];
        }
        return Location;
    }

    /// <summary>True when the config spelled out <paramref name="path"/> (as opposed to it being a default).</summary>
    public bool Has(string path) => fields.ContainsKey(path);
}
