namespace Switchboard.Authentication.Extraction;

/// <summary>Where a token may be carried (RFC 6750 §2: header, query parameter; Istio adds cookies).</summary>
public enum TokenSourceKind
{
    Header,
    Param,
    Cookie,
}

/// <summary>One place a rule looks for its token: header (with an exact prefix), query parameter or cookie.</summary>
public sealed record TokenLocation(TokenSourceKind Kind, string Name, string? Prefix = null)
{
    /// <summary>Istio's default: <c>Authorization: Bearer &lt;token&gt;</c> (RFC 6750 §2.1).</summary>
    public static TokenLocation DefaultHeader { get; } = new(TokenSourceKind.Header, "Authorization", "Bearer ");

    /// <summary>Istio's default: <c>?access_token=&lt;token&gt;</c> (RFC 6750 §2.3).</summary>
    public static TokenLocation DefaultParam { get; } = new(TokenSourceKind.Param, "access_token");

    public override string ToString() => Kind switch
    {
        TokenSourceKind.Header => Prefix is null ? $"header {Name}" : $"header {Name} (\"{Prefix}\")",
        TokenSourceKind.Param => $"query parameter {Name}",
        _ => $"cookie {Name}",
    };
}

/// <summary>
/// One distinct token found in a request, with every location it was found at and the rules (by index) that look
/// there. The same token in two places is one token; two different tokens are two.
/// </summary>
public sealed record ExtractedToken(string Token, IReadOnlyList<TokenLocation> Locations, IReadOnlyList<int> RuleIndexes);
