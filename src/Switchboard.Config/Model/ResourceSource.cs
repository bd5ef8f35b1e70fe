using Switchboard.Config.Nodes;
using Switchboard.Config.Source;

namespace Switchboard.Config;

/// <summary>
/// Where a resource and each of its fields came from. Field paths read as in messages:
/// <c>spec.http[0].route[1].destination.subset</c>, map entries as <c>metadata.labels[app]</c>. Locations are
/// found by walking the parsed document when asked (messages are rare; fields are many).
/// </summary>
public sealed class ResourceSource(SourceLocation location, MappingNode document)
{
    /// <summary>The start of the resource's document.</summary>
    public SourceLocation Location { get; } = location;

    public string File => Location.File;

    /// <summary>The resource's parsed document, as written (for storing and printing it back).</summary>
    public MappingNode Document => document;

    /// <summary>The location of <paramref name="path"/>, or of its nearest ancestor that exists.</summary>
    public SourceLocation Locate(string path) => Walk(path).Location;

    /// <summary>True when the config spelled out <paramref name="path"/> (as opposed to it being a default).</summary>
    public bool Has(string path) => Walk(path).Complete;

    private (SourceLocation Location, bool Complete) Walk(string path)
    {
        ConfigNode node = document;
        var at = Location;
        var i = 0;
        while (i < path.Length)
        {
            string segment;
            var bracket = path[i] == '[';
            if (bracket)
            {
                var close = path.IndexOf(']', i);
                if (close < 0) return (at, false);
                segment = path[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                var end = path.IndexOfAny(['.', '['], i);
                if (end < 0) end = path.Length;
                segment = path[i..end];
                i = end;
            }
            if (i < path.Length && path[i] == '.') i++;
            if (segment.Length == 0) continue;
            switch (node)
            {
                case MappingNode map when Entry(map, segment) is { } entry:
                    at = entry.Key.Location;
                    node = entry.Value;
                    break;
                case SequenceNode seq when bracket && int.TryParse(segment, out var index) && index >= 0 && index < seq.Items.Count:
                    node = seq.Items[index];
                    at = node.Location;
                    break;
                default:
                    return (at, false);
            }
        }
        return (at, true);
    }

    private static KeyValuePair<ScalarNode, ConfigNode>? Entry(MappingNode map, string key)
    {
        foreach (var entry in map.Entries)
        {
            if (entry.Key.Value == key) return entry;
        }
        return null;
    }
}
