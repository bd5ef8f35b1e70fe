namespace Switchboard.Authorization.Normalization;

/// <summary>
/// The result of <see cref="PathNormalizer.Normalize"/>: the path that authorization, routing and the upstream all
/// use, and the query (never normalized), or a rejection the caller answers with 400.
/// </summary>
public sealed record NormalizedPath
{
    /// <summary>The normalized path, starting with <c>/</c> (in <see cref="PathNormalization.None"/>, as sent); empty when rejected.</summary>
    public string Path { get; init; } = "";

    /// <summary>The query without <c>?</c>, untouched; null when the request had none.</summary>
    public string? Query { get; init; }

    public PathRejection Rejection { get; init; }

    public bool IsRejected => Rejection != PathRejection.None;

    /// <summary>Path and query as forwarded upstream.</summary>
    public string PathAndQuery => Query is null ? Path : $"{Path}?{Query}";

    internal static NormalizedPath Reject(PathRejection why) => new() { Rejection = why };
}

/// <summary>Why a request path was refused (each means HTTP 400).</summary>
public enum PathRejection
{
    None,

    /// <summary><c>%00</c> in the path (Istio normalization reference: always 400; Envoy <c>/xyz/.%00../abc</c> is invalid).</summary>
    EncodedNul,

    /// <summary>A raw NUL or other control character in the path (CVE-2019-9900 for the header case).</summary>
    ControlCharacter,
}
