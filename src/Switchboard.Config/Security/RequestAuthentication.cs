namespace Switchboard.Config.Security;

/// <summary>RequestAuthentication spec (JWT). STUB: to be completed with every field of reference/istio-api.md §2.3.</summary>
public sealed record RequestAuthenticationSpec
{
    public LabelSelector? Selector { get; init; }
}
