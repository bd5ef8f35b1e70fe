namespace Switchboard.Config.Types;

/// <summary>Kubernetes' int-or-string (a Service's <c>targetPort</c>: a number or a container port name).</summary>
public readonly record struct IntOrString(int? Number, string? Name)
{
    public override string ToString() => Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Name ?? "";
}
