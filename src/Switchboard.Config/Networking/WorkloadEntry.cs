namespace Switchboard.Config.Networking;

/// <summary>WorkloadEntry spec. STUB: to be completed with every field of reference/istio-api.md §1.</summary>
public sealed record WorkloadEntrySpec
{
}
