using System.Text.Json;
using Switchboard.Authentication.Jwt;

namespace Switchboard.Authentication;

/// <summary>What request authentication decided.</summary>
public enum AuthnStatus
{
    /// <summary>No token at any configured location: not an error; the request goes on with no identity.</summary>
    NoToken,
    /// <summary>Every token present verified.</summary>
    Valid,
    /// <summary>A token was present and did not verify: answer 401 with <see cref="AuthnResult.Reason"/>.</summary>
    Invalid,
}

/// <summary>
/// The outcome of <see cref="RequestAuthenticator"/>: the identity for authorization
/// (<c>request.auth.principal</c>, <c>audiences</c>, <c>presenter</c>, <c>claims</c>) and the header edits to make before
/// forwarding: first remove <see cref="HeadersToRemove"/>, then set <see cref="HeadersToAdd"/> (replacing any value).
/// </summary>
public sealed record AuthnResult
{
    public required AuthnStatus Status { get; init; }

    /// <summary>Why an <see cref="AuthnStatus.Invalid"/> token failed; <see cref="JwtFailure.None"/> otherwise.</summary>
    public JwtFailure Failure { get; init; }

    /// <summary>The 401 body (Envoy's wording, e.g. <c>Jwt is expired</c>); null unless invalid.</summary>
    public string? Reason { get; init; }

    /// <summary>Detail for logs (never sent to the client).</summary>
    public string? Detail { get; init; }

    /// <summary>The first verified token, in location order (Istio leaves the choice among several undefined).</summary>
    public ValidatedJwt? Token { get; init; }

    public string? Principal => Token?.Principal;

    public IReadOnlyList<string> Audiences => Token?.Audiences ?? [];

    public string? Presenter => Token?.Presenter;

    public JsonElement? Claims => Token?.Claims;

    public IReadOnlyList<KeyValuePair<string, string>> HeadersToAdd { get; init; } = [];

    public IReadOnlyList<string> HeadersToRemove { get; init; } = [];
}
