using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Checks a ServiceEntry beyond its types (reference/istio-api.md §1.4): hosts, addresses, ports, resolution and endpoints.</summary>
public sealed class ServiceEntryValidator : SpecValidator<ServiceEntrySpec>
{
    private const int MaxHosts = 256;
    private const int MaxEndpoints = 4096;

    protected override void Validate(Resource<ServiceEntrySpec> resource, ValidationContext context)
    {
        var spec = resource.Spec;
        var resolution = spec.Resolution ?? ServiceEntryResolution.None;
        Hosts(context, spec.Hosts);
        for (var i = 0; i < spec.Addresses.Count; i++)
        {
            if (HostNames.CheckIpOrCidr(spec.Addresses[i]) is { } error) context.Error($"spec.addresses[{i}]", error);
            else if (spec.Addresses[i].Contains('/') && resolution is not (ServiceEntryResolution.None or ServiceEntryResolution.Static))
            {
                context.Error($"spec.addresses[{i}]", "CIDR addresses are only allowed with resolution NONE or STATIC");
            }
        }
        var portNames = Ports(context, spec.Ports);
        Endpoints(context, spec, resolution, portNames);
        if (spec.WorkloadSelector is { } selector)
        {
            LabelChecks.WorkloadSelector(context, "spec.workloadSelector.labels", selector.Labels);
            if (spec.Location != ServiceEntryLocation.MeshInternal) context.Error("spec.workloadSelector", "workloadSelector requires location MESH_INTERNAL");
        }
        // Plain TCP cannot tell hosts apart (no Host header, no SNI) unless the proxy passes traffic through untouched.
        if (resolution != ServiceEntryResolution.None && spec.Hosts.Count > 1 && spec.Ports.Any(p => !Protocols.IsHttp(p.Protocol) && !Protocols.IsTls(p.Protocol)))
        {
            context.Error("spec.hosts", "several hosts need HTTP or TLS ports to be told apart; use one host per ServiceEntry for TCP ports");
        }
        ExportToChecks.Validate(context, "spec.exportTo", spec.ExportTo, allowNone: true);
    }

    private static void Hosts(ValidationContext context, IReadOnlyList<string> hosts)
    {
        if (hosts.Count == 0) context.Error("spec.hosts", "a ServiceEntry needs at least one host");
        if (hosts.Count > MaxHosts) context.Error("spec.hosts", $"at most {MaxHosts} hosts are allowed, found {hosts.Count}");
        for (var i = 0; i < hosts.Count; i++)
        {
            if (hosts[i] == "*") context.Error($"spec.hosts[{i}]", "host \"*\" is not allowed in a ServiceEntry");
            else if (HostNames.CheckWildcardDomain(hosts[i]) is { } error) context.Error($"spec.hosts[{i}]", error);
            else if (HostNames.IsPartialWildcard(hosts[i])) context.Warning($"spec.hosts[{i}]", $"partial wildcard \"{hosts[i]}\" is not supported; use \"*.domain\"");
        }
    }

    private static HashSet<string> Ports(ValidationContext context, IReadOnlyList<ServiceEntryPort> ports)
    {
        if (ports.Count == 0) context.Error("spec.ports", "a ServiceEntry needs at least one port");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<uint>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var path = $"spec.ports[{i}]";
            NetworkChecks.Port(context, $"{path}.number", port.Number);
            if (!numbers.Add(port.Number)) context.Error($"{path}.number", $"port {port.Number} is defined more than once");
            if (string.IsNullOrEmpty(port.Name)) context.Error(path, "port name is required");
            else if (!HostNames.IsDnsLabel(port.Name)) context.Error($"{path}.name", $"port name \"{port.Name}\" is not a DNS label");
            else if (!names.Add(port.Name)) context.Error($"{path}.name", $"port name \"{port.Name}\" is defined more than once");
            Protocols.Check(context, $"{path}.protocol", port.Protocol, Protocols.Known);
            if (port.TargetPort is { } target) NetworkChecks.Port(context, $"{path}.targetPort", target);
        }
        return names;
    }

    private static void Endpoints(ValidationContext context, ServiceEntrySpec spec, ServiceEntryResolution resolution, HashSet<string> portNames)
    {
        if (spec.Endpoints.Count > 0 && spec.WorkloadSelector is not null) context.Error("spec.workloadSelector", "only one of endpoints and workloadSelector may be set");
        if (spec.Endpoints.Count > MaxEndpoints) context.Error("spec.endpoints", $"at most {MaxEndpoints} endpoints are allowed, found {spec.Endpoints.Count}");
        switch (resolution)
        {
            case ServiceEntryResolution.None when spec.Endpoints.Count > 0:
                context.Error("spec.endpoints", "resolution NONE forwards to the original destination; endpoints cannot be set");
                break;
            case ServiceEntryResolution.Static when spec.Endpoints.Count == 0 && spec.WorkloadSelector is null:
                context.Error("spec.resolution", "resolution STATIC needs endpoints (or a workloadSelector)");
                break;
            case ServiceEntryResolution.Dns or ServiceEntryResolution.DnsRoundRobin when spec.Endpoints.Count == 0:
                for (var i = 0; i < spec.Hosts.Count; i++)
                {
                    if (spec.Hosts[i].Contains('*')) context.Error($"spec.hosts[{i}]", "with DNS resolution and no endpoints, hosts must be resolvable names (no wildcards)");
                }
                break;
        }
        if (resolution == ServiceEntryResolution.DnsRoundRobin && spec.Endpoints.Count > 1)
        {
            context.Error("spec.endpoints", "resolution DNS_ROUND_ROBIN allows at most one endpoint");
        }
        var allowFqdn = resolution is ServiceEntryResolution.Dns or ServiceEntryResolution.DnsRoundRobin or ServiceEntryResolution.DynamicDns;
        for (var i = 0; i < spec.Endpoints.Count; i++)
        {
            WorkloadEntryChecks.Validate(context, $"spec.endpoints[{i}]", spec.Endpoints[i], allowFqdn, portNames);
        }
    }
}
