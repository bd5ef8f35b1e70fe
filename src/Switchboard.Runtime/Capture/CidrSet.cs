using System.Net;
using System.Net.Sockets;

namespace Switchboard.Runtime.Capture;

/// <summary>The destination ranges a capture setting covers: every address (<c>*</c>) or an explicit list of CIDRs, which may be empty.</summary>
public sealed class CidrSet : IEquatable<CidrSet>
{
    private CidrSet(bool isAll, IReadOnlyList<IPNetwork> ranges)
    {
        IsAll = isAll;
        Ranges = ranges;
    }

    /// <summary>Every destination: Istio's <c>*</c>.</summary>
    public static CidrSet All { get; } = new(true, []);

    /// <summary>No destination: Istio's empty value, which turns the setting off.</summary>
    public static CidrSet None { get; } = new(false, []);

    public bool IsAll { get; }

    /// <summary>The listed ranges in the order given, duplicates removed; empty when <see cref="IsAll"/>.</summary>
    public IReadOnlyList<IPNetwork> Ranges { get; }

    public bool IsEmpty => !IsAll && Ranges.Count == 0;

    public static CidrSet Of(params IEnumerable<IPNetwork> ranges)
    {
        var list = new List<IPNetwork>();
        foreach (var range in ranges)
            if (!list.Contains(range)) list.Add(range);
        return list.Count == 0 ? None : new CidrSet(false, list);
    }

    /// <summary>
    /// An explicit list parsed with <see cref="Cidr.TryParse"/>; throws <see cref="FormatException"/> naming the first bad entry
    /// (annotations go through <see cref="CaptureAnnotations"/>, which reports every bad entry instead).
    /// </summary>
    public static CidrSet Parse(params IEnumerable<string> ranges) =>
        Of(ranges.Select(r => Cidr.TryParse(r, out var network) ? network : throw new FormatException($"'{r}' is not a CIDR range such as 10.0.0.0/8")));

    /// <summary>The ranges of one address family (iptables and ip6tables each get their own).</summary>
    public IEnumerable<IPNetwork> OfFamily(AddressFamily family) => Ranges.Where(r => r.BaseAddress.AddressFamily == family);

    /// <summary>Istio's annotation spelling: <c>*</c>, or the ranges joined by commas.</summary>
    public override string ToString() => IsAll ? "*" : string.Join(',', Ranges);

    // Value equality, so that CaptureOptions (a record) compares by content: same settings, same rules.
    public bool Equals(CidrSet? other) => other is not null && IsAll == other.IsAll && Ranges.SequenceEqual(other.Ranges);

    public override bool Equals(object? obj) => Equals(obj as CidrSet);

    public override int GetHashCode() => Ranges.Aggregate(IsAll.GetHashCode(), HashCode.Combine);
}
