namespace Switchboard.Config.Networking;

/// <summary>Sidecar spec. STUB: to be completed with every field of reference/istio-api.md §1.</summary>
public sealed record SidecarSpec
{
}
