using System.Text.Json;

namespace Switchboard.Proxy.Routing;

/// <summary>
/// The payload of the JWT this proxy verified for the request (RequestAuthentication), put on the request by the
/// step that verified it so that routes matching <c>@request.auth.claims.*</c> read the same claims authorization
/// did. A request without one never matches a claim route: the claim is absent, whatever headers the client sent.
/// </summary>
internal sealed class VerifiedClaimsFeature(JsonElement claims)
{
    public JsonElement Claims { get; } = claims;
}
