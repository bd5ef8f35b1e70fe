namespace Switchboard.Config.Networking;

/// <summary>ServiceEntry spec. STUB: to be completed with every field of reference/istio-api.md §1.</summary>
public sealed record ServiceEntrySpec
{
}
