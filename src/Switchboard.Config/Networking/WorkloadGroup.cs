namespace Switchboard.Config.Networking;

/// <summary>WorkloadGroup spec. STUB: to be completed (§1.5).</summary>
public sealed record WorkloadGroupSpec
{
}
