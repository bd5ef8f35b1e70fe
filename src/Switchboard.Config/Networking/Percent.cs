namespace Switchboard.Config.Networking;

/// <summary>Istio <c>Percent</c>: a double 0–100.</summary>
public sealed record Percent
{
    public double Value { get; init; }
}
