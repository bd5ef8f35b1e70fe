using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>A WorkloadEntry, standalone or as a ServiceEntry endpoint (reference/istio-api.md §1.5).</summary>
internal static class WorkloadEntryChecks
{
    /// <summary>Checks address, ports and labels; <paramref name="allowFqdn"/> for DNS-resolved entries, <paramref name="portNames"/> when a ServiceEntry defines them.</summary>
    public static void Validate(ValidationContext context, string path, WorkloadEntrySpec entry, bool allowFqdn, IReadOnlySet<string>? portNames = null)
    {
        var address = entry.Address ?? "";
        if (address.Length == 0)
        {
            if (string.IsNullOrEmpty(entry.Network)) context.Error(path, "address is required (it may only be empty when network is set)");
        }
        else if (address.StartsWith(NetworkChecks.UnixPrefix, StringComparison.Ordinal))
        {
            if (NetworkChecks.CheckUnixAddress(address[NetworkChecks.UnixPrefix.Length..]) is { } error) context.Error($"{path}.address", error);
            if (entry.Ports.Count > 0) context.Error($"{path}.ports", "a unix:// endpoint cannot have ports");
        }
        else if (!HostNames.IsIp(address))
        {
            if (!allowFqdn) context.Error($"{path}.address", $"\"{address}\" is not an IP address (or unix:// socket)");
            else if (HostNames.CheckFqdn(address) is not null) context.Error($"{path}.address", $"\"{address}\" is not a valid IP address or FQDN");
        }
        foreach (var (name, number) in entry.Ports)
        {
            var portPath = $"{path}.ports[{name}]";
            if (!HostNames.IsDnsLabel(name)) context.Error(portPath, $"port name \"{name}\" is not a DNS label");
            else if (portNames is not null && !portNames.Contains(name)) context.Error(portPath, $"port \"{name}\" is not a port of the ServiceEntry");
            NetworkChecks.Port(context, portPath, number);
        }
        LabelChecks.Labels(context, $"{path}.labels", entry.Labels);
        if (entry.Locality is { Length: > 0 } locality && locality.Split('/').Any(p => p.Length == 0))
        {
            context.Error($"{path}.locality", $"locality \"{locality}\" must be region/zone/subzone without empty parts");
        }
        if (entry.ServiceAccount is { Length: > 0 } account && !HostNames.IsDnsSubdomain(account))
        {
            context.Error($"{path}.serviceAccount", $"\"{account}\" is not a valid ServiceAccount name");
        }
    }
}
