using Switchboard.Config;

namespace Switchboard.Model;

/// <summary>
/// The order Istio gives to conflicting config: oldest first (creationTimestamp), which for files is the
/// order they are applied in: file path, then position in the file. Namespace and name break the remaining
/// ties, so the order never depends on the order resources were handed in.
/// </summary>
public sealed class ConfigOrder : IComparer<Resource>
{
    public static ConfigOrder Instance { get; } = new();

    public int Compare(Resource? x, Resource? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        // RFC 3339 timestamps in UTC compare correctly as text; a missing one counts as the oldest.
        var c = string.CompareOrdinal(x.Metadata.CreationTimestamp ?? "", y.Metadata.CreationTimestamp ?? "");
        if (c == 0) c = string.CompareOrdinal(x.Source.File, y.Source.File);
        if (c == 0) c = x.Source.Location.Line.CompareTo(y.Source.Location.Line);
        if (c == 0) c = x.Source.Location.Column.CompareTo(y.Source.Location.Column);
        if (c == 0) c = string.CompareOrdinal(x.Namespace, y.Namespace);
        if (c == 0) c = string.CompareOrdinal(x.Name, y.Name);
        if (c == 0) c = string.CompareOrdinal(x.Kind.Kind, y.Kind.Kind);
        return c;
    }
}
