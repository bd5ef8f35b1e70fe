namespace Switchboard.Config.Telemetry;

/// <summary>Telemetry spec. STUB: to be completed with every field of reference/istio-api.md §3.1.</summary>
public sealed record TelemetrySpec
{
}
