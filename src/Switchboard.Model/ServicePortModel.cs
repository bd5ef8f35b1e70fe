namespace Switchboard.Model;

/// <summary>
/// A service port: number, name, protocol (from the name or appProtocol, or a ServiceEntry's <c>protocol</c>;
/// null ⇒ sniffed) and where traffic lands on the workload.
/// </summary>
public sealed record ServicePortModel
{
    public required int Number { get; init; }
    public string? Name { get; init; }

    /// <summary>Lower-case protocol (<c>http</c>, <c>grpc</c>, <c>tcp</c>, …), or null when the proxy must sniff it.</summary>
    public string? Protocol { get; init; }

    /// <summary>The workload port: a number or a container port name; null means the service port's number.</summary>
    public PortTarget? TargetPort { get; init; }
}

/// <summary>A Kubernetes targetPort: a number, or the name of a container port.</summary>
public readonly record struct PortTarget(int? Number, string? Name)
{
    public static PortTarget Of(int number) => new(number, null);

    public static PortTarget Named(string name) => new(null, name);

    public override string ToString() => Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Name ?? "";
}
