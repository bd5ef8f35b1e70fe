using System.Net;
using System.Text.Json;
using Switchboard.Authorization.Normalization;

namespace Switchboard.Authorization.Requests;

/// <summary>
/// What the proxy knows about one request or connection when it authorizes it. The caller builds it once, after
/// <see cref="PathNormalizer"/> has produced the path that routing and the upstream will also see (the single-view
/// rule of reference §1.3): authorization never re-decodes anything.
/// </summary>
public sealed record RequestAttributes
{
    private readonly string? _sourcePrincipal;

    /// <summary>An opaque TCP connection: HTTP-only fields and keys cannot be evaluated.</summary>
    public bool IsTcp { get; init; }

    /// <summary>The HTTP method, exactly as sent (Istio matches methods case-sensitively).</summary>
    public string? Method { get; init; }

    /// <summary>The normalized path, without query or fragment (<see cref="NormalizedPath.Path"/>).</summary>
    public string? Path { get; init; }

    /// <summary>
    /// <c>:authority</c> / <c>Host</c> exactly as sent, port included: Istio's <c>hosts</c> match this value, so
    /// <c>hosts: ["a.com"]</c> does not match <c>a.com:80</c> (ISTIO-SECURITY-2021-008; write <c>["a.com", "a.com:*"]</c>).
    /// </summary>
    public string? Authority { get; init; }

    /// <summary><see cref="Authority"/> without its port (<c>[::1]:80</c> gives <c>[::1]</c>), for callers; policies match <see cref="Authority"/>.</summary>
    public string? Host => Authority is { } a && a.LastIndexOf(':') is var colon and > 0 && colon > a.LastIndexOf(']')
        && a.AsSpan(colon + 1).IndexOfAnyExceptInRange('0', '9') < 0 ? a[..colon] : Authority;

    /// <summary>The destination port the proxy accepted the connection on (the container port).</summary>
    public int Port { get; init; }

    public RequestHeaders Headers { get; init; } = RequestHeaders.Empty;

    /// <summary>The peer address of the connection (<c>source.ip</c>, <c>ipBlocks</c>).</summary>
    public IPAddress? SourceIp { get; init; }

    /// <summary>The original client from trusted X-Forwarded-For / PROXY protocol (<c>remote.ip</c>, <c>remoteIpBlocks</c>).</summary>
    public IPAddress? RemoteIp { get; init; }

    /// <summary>The local address the connection arrived at (<c>destination.ip</c>).</summary>
    public IPAddress? DestinationIp { get; init; }

    /// <summary>The TLS SNI the client sent (<c>connection.sni</c>).</summary>
    public string? ConnectionSni { get; init; }

    /// <summary>
    /// The peer's SPIFFE ID from its mTLS certificate, stored without <c>spiffe://</c> (Istio principals are written
    /// <c>cluster.local/ns/x/sa/y</c>); null for plaintext, which then matches no <c>principals</c>, not even <c>*</c>.
    /// </summary>
    public string? SourcePrincipal
    {
        get => _sourcePrincipal;
        init => _sourcePrincipal = SpiffePrincipal.Of(value);
    }

    /// <summary>The namespace of <see cref="SourcePrincipal"/> (<c>…/ns/&lt;ns&gt;/…</c>); null for plaintext.</summary>
    public string? SourceNamespace => SpiffePrincipal.Namespace(SourcePrincipal);

    /// <summary>The trust domain of <see cref="SourcePrincipal"/> (its first segment); null for plaintext.</summary>
    public string? SourceTrustDomain => SpiffePrincipal.TrustDomain(SourcePrincipal);

    /// <summary>The JWT principal <c>iss/sub</c> set by RequestAuthentication; null when no token was presented.</summary>
    public string? RequestPrincipal { get; init; }

    /// <summary>The token's <c>aud</c> values.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>The token's authorized presenter (<c>azp</c>).</summary>
    public string? Presenter { get; init; }

    /// <summary>The verified token's payload (a JSON object); <c>request.auth.claims[a][b]</c> walks into it.</summary>
    public JsonElement? Claims { get; init; }
}
