namespace Switchboard.Translation.ProxyConfig;

/// <summary>How a string is compared: exact, prefix, RE2 regex (full match), or mere presence.</summary>
public enum MatchKind { Exact, Prefix, Regex, Present }

/// <summary>A compiled-ready string condition.</summary>
public sealed record StringMatcher(MatchKind Kind, string Value = "", bool IgnoreCase = false);

/// <summary>A condition on one header or query parameter; <see cref="Invert"/> turns it into "must not match".</summary>
public sealed record KeyedMatcher(string Name, StringMatcher Matcher, bool Invert = false);

/// <summary>One HTTP match: every present condition must hold.</summary>
public sealed record RouteMatch
{
    public string? Name { get; init; }
    public StringMatcher? Path { get; init; }
    public StringMatcher? Method { get; init; }
    public StringMatcher? Authority { get; init; }
    public StringMatcher? Scheme { get; init; }

    /// <summary>Header conditions (names lower-case), including inverted <c>withoutHeaders</c> ones.</summary>
    public IReadOnlyList<KeyedMatcher> Headers { get; init; } = [];

    public IReadOnlyList<KeyedMatcher> QueryParameters { get; init; } = [];
    public int? Port { get; init; }
}
