namespace Switchboard.Proxy.Telemetry;

/// <summary>
/// The <c>destination_service</c> the server's sidecar reports: the host the caller asked for, as a cluster FQDN.
/// A short name (<c>ledger</c>) is in the callee's namespace, <c>name.ns</c> and <c>name.ns.svc</c> are completed;
/// any other host (an external or ServiceEntry name) is reported as written. The server side's metrics and span
/// names both use it, as Kubernetes DNS would have resolved the name from the callee's namespace.
/// </summary>
internal static class DestinationService
{
    public static string? Of(string? host, string ownNamespace, string clusterDomain = "cluster.local")
    {
        if (string.IsNullOrEmpty(host) || System.Net.IPAddress.TryParse(host, out _)) return null;
        host = host.ToLowerInvariant();
        var parts = host.Split('.');
        return parts.Length switch
        {
            1 => $"{host}.{ownNamespace}.svc.{clusterDomain}",
            2 => $"{host}.svc.{clusterDomain}",
            3 when parts[2] == "svc" => $"{host}.{clusterDomain}",
            _ => host,
        };
    }
}
