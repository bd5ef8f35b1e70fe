namespace Switchboard.Config.Networking;

/// <summary>Istio <c>StringMatch</c>: exactly one of exact, prefix or regex (RE2). Case-sensitive.</summary>
public sealed record StringMatch
{
    public string? Exact { get; init; }
    public string? Prefix { get; init; }
    public string? Regex { get; init; }

    /// <summary>True for <c>{}</c>, which in a header match means "present with any value".</summary>
    public bool IsEmpty => Exact is null && Prefix is null && Regex is null;

    public override string ToString() => Exact is not null ? $"exact:{Exact}" : Prefix is not null ? $"prefix:{Prefix}" : Regex is not null ? $"regex:{Regex}" : "present";
}
