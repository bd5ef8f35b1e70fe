using System.Text.Json;

namespace Switchboard.Authentication.Jwt;

/// <summary>
/// A verified token: what AuthorizationPolicy sees as <c>request.auth.*</c> (reference/istio-api.md §2.2).
/// <see cref="Principal"/> is <c>iss/sub</c>; readers split it at the last <c>/</c> because an issuer may be a URL
/// (reference/security-and-reliability.md §1.4).
/// </summary>
public sealed record ValidatedJwt
{
    public required string Issuer { get; init; }

    /// <summary>The <c>sub</c> claim; empty when the token has none.</summary>
    public required string Subject { get; init; }

    /// <summary><c>request.auth.principal</c>: <c>iss/sub</c>.</summary>
    public string Principal => $"{Issuer}/{Subject}";

    /// <summary><c>request.auth.audiences</c>: the <c>aud</c> values (a single string becomes one element).</summary>
    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary><c>request.auth.presenter</c>: the <c>azp</c> claim (OpenID Connect Core §2), if any.</summary>
    public string? Presenter { get; init; }

    /// <summary><c>request.auth.claims</c>: the whole payload object (detached; safe to keep).</summary>
    public required JsonElement Claims { get; init; }

    /// <summary>The payload part of the token, base64url as received.</summary>
    public required string PayloadSegment { get; init; }
}

/// <summary>The outcome of validating one token against one rule: the token, or a failure with detail for logs.</summary>
public sealed record JwtValidationResult(ValidatedJwt? Token, JwtFailure Failure, string Detail)
{
    public bool IsValid => Token is not null;

    public static JwtValidationResult Valid(ValidatedJwt token) => new(token, JwtFailure.None, "");

    public static JwtValidationResult Fail(JwtFailure failure, string detail) => new(null, failure, detail);
}
