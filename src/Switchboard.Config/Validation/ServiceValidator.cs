using Switchboard.Config.Kubernetes;

namespace Switchboard.Config.Validation;

/// <summary>Checks a Kubernetes Service's ports as the API server does: numbers, names (required and unique with several ports), targetPort.</summary>
public sealed class ServiceValidator : SpecValidator<ServiceSpec>
{
    protected override void Validate(Resource<ServiceSpec> resource, ValidationContext context)
    {
        var ports = resource.Spec.Ports;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<(int, string)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var path = $"spec.ports[{i}]";
            if (port.Port is { } number) NetworkChecks.Port(context, $"{path}.port", number);
            if (string.IsNullOrEmpty(port.Name))
            {
                if (ports.Count > 1) context.Error(path, "port name is required when a Service has more than one port");
            }
            else if (!HostNames.IsDnsLabel(port.Name)) context.Error($"{path}.name", $"port name \"{port.Name}\" is not a DNS label (lower-case letters, digits and '-')");
            else if (!names.Add(port.Name)) context.Error($"{path}.name", $"port name \"{port.Name}\" is used more than once");
            var protocol = port.Protocol ?? "TCP";
            if (protocol is not ("TCP" or "UDP" or "SCTP")) context.Error($"{path}.protocol", $"protocol \"{protocol}\" must be TCP, UDP or SCTP");
            if (port.Port is { } p && !numbers.Add((p, protocol))) context.Error($"{path}.port", $"port {p}/{protocol} is defined more than once");
            if (port.TargetPort is { } target)
            {
                if (target.Number is { } t) NetworkChecks.Port(context, $"{path}.targetPort", t);
                else if (target.Name is { } name && !IsServiceName(name)) context.Error($"{path}.targetPort", $"\"{name}\" is not a valid container port name");
            }
        }
    }

    /// <summary>IANA service name: 1–15 of <c>[a-z0-9-]</c>, a letter somewhere, no leading/trailing or double '-'.</summary>
    private static bool IsServiceName(string s) =>
        s.Length is > 0 and <= 15 && s.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && s.Any(char.IsAsciiLetter)
        && !s.StartsWith('-') && !s.EndsWith('-') && !s.Contains("--");
}
