namespace Switchboard.Runtime.Capture;

/// <summary>The TCP ports a capture setting covers: every port (<c>*</c>) or an explicit list, which may be empty.</summary>
public sealed class PortSet : IEquatable<PortSet>
{
    private PortSet(bool isAll, IReadOnlyList<int> ports)
    {
        IsAll = isAll;
        Ports = ports;
    }

    /// <summary>Every port: Istio's <c>*</c>.</summary>
    public static PortSet All { get; } = new(true, []);

    /// <summary>No port: Istio's empty value, which turns the setting off.</summary>
    public static PortSet None { get; } = new(false, []);

    public bool IsAll { get; }

    /// <summary>The listed ports in the order given, duplicates removed (so generated rules are stable); empty when <see cref="IsAll"/>.</summary>
    public IReadOnlyList<int> Ports { get; }

    public bool IsEmpty => !IsAll && Ports.Count == 0;

    /// <summary>An explicit list; throws <see cref="ArgumentOutOfRangeException"/> for a port outside 1–65535.</summary>
    public static PortSet Of(params IEnumerable<int> ports)
    {
        var list = new List<int>();
        foreach (var port in ports)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(port, 1, nameof(ports));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535, nameof(ports));
            if (!list.Contains(port)) list.Add(port);
        }
        return list.Count == 0 ? None : new PortSet(false, list);
    }

    /// <summary>Istio's annotation spelling: <c>*</c>, or the ports joined by commas.</summary>
    public override string ToString() => IsAll ? "*" : string.Join(',', Ports);

    // Value equality, so that CaptureOptions (a record) compares by content: same settings, same rules.
    public bool Equals(PortSet? other) => other is not null && IsAll == other.IsAll && Ports.SequenceEqual(other.Ports);

    public override bool Equals(object? obj) => Equals(obj as PortSet);

    public override int GetHashCode() => Ports.Aggregate(IsAll.GetHashCode(), HashCode.Combine);
}
