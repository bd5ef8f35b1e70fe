using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Ingress and egress listeners of a Sidecar.</summary>
internal static class SidecarListenerChecks
{
    public static void Ingress(ValidationContext context, string path, IstioIngressListener ingress, HashSet<uint> ports)
    {
        if (ingress.Port is not { } port) return; // required: the binder reports it
        Port(context, $"{path}.port", port);
        NetworkChecks.Port(context, $"{path}.port.number", port.Number);
        if (!ports.Add(port.Number)) context.Error($"{path}.port.number", $"port {port.Number} is used by another ingress listener");
        NetworkChecks.Bind(context, $"{path}.bind", ingress.Bind);
        DefaultEndpoint(context, $"{path}.defaultEndpoint", ingress.DefaultEndpoint);
        if (ingress.Tls is { } tls)
        {
            if (tls.Mode is ServerTlsMode.IstioMutual or ServerTlsMode.AutoPassthrough)
            {
                context.Error($"{path}.tls.mode", $"mode {Binding.TypeShape.UpperSnake(tls.Mode.ToString()!)} is not supported on a Sidecar ingress listener");
            }
            if (tls.SubjectAltNames.Count > 0) context.Error($"{path}.tls.subjectAltNames", "subjectAltNames is not supported on a Sidecar ingress listener");
            if (tls.HttpsRedirect == true) context.Error($"{path}.tls.httpsRedirect", "httpsRedirect is not supported on a Sidecar ingress listener");
            if (!string.IsNullOrEmpty(tls.CredentialName)) context.Error($"{path}.tls.credentialName", "credentialName is not supported on a Sidecar ingress listener");
            ServerTlsChecks.Validate(context, $"{path}.tls", tls);
        }
        ConnectionPoolChecks.Validate(context, $"{path}.connectionPool", ingress.ConnectionPool);
        if (ingress.ConnectionPool?.Http is not null && !string.IsNullOrEmpty(port.Protocol) && !Protocols.IsHttp(port.Protocol))
        {
            context.Warning($"{path}.connectionPool.http", $"port protocol {port.Protocol} is not HTTP, so only the tcp pool settings apply");
        }
    }

    public static void Egress(ValidationContext context, string path, IstioEgressListener egress, HashSet<uint> ports, HashSet<string> sockets)
    {
        if (egress.Port is { } port)
        {
            Port(context, $"{path}.port", port);
            var unix = egress.Bind?.StartsWith(NetworkChecks.UnixPrefix, StringComparison.Ordinal) == true;
            if (port.Number == 0)
            {
                // Port 0 means a Unix domain socket listener.
                if (!unix) context.Error($"{path}.port.number", "port 0 needs a unix:// bind address");
                else if (!sockets.Add(egress.Bind!)) context.Error($"{path}.bind", $"socket {egress.Bind} is used by another egress listener");
                if (egress.CaptureMode is CaptureMode.Iptables) context.Error($"{path}.captureMode", "unix socket listeners need captureMode DEFAULT or NONE");
            }
            else
            {
                NetworkChecks.Port(context, $"{path}.port.number", port.Number);
                if (!ports.Add(port.Number)) context.Error($"{path}.port.number", $"port {port.Number} is used by another egress listener");
            }
        }
        NetworkChecks.Bind(context, $"{path}.bind", egress.Bind);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < egress.Hosts.Count; i++)
        {
            EgressHost(context, $"{path}.hosts[{i}]", egress.Hosts[i]);
            if (!seen.Add(egress.Hosts[i])) context.Warning($"{path}.hosts[{i}]", $"duplicate host \"{egress.Hosts[i]}\"");
        }
    }

    private static void Port(ValidationContext context, string path, GatewayPort port)
    {
        if (!string.IsNullOrEmpty(port.Name) && !HostNames.IsDnsLabel(port.Name)) context.Error($"{path}.name", $"port name \"{port.Name}\" is not a DNS label");
        Protocols.Check(context, $"{path}.protocol", port.Protocol, Protocols.Known);
        if (port.TargetPort is not null) context.Error($"{path}.targetPort", "targetPort has no effect on Sidecars; remove it");
    }

    /// <summary><c>namespace/dnsName</c>; namespace <c>*</c>, <c>.</c>, <c>~</c>, a name or <c>~name</c> (exclusion).</summary>
    private static void EgressHost(ValidationContext context, string path, string host)
    {
        var slash = host.IndexOf('/');
        if (slash < 0)
        {
            context.Error(path, $"\"{host}\" must have the form namespace/dnsName (e.g. \"istio-system/*\", \"./reviews.prod.svc.cluster.local\")");
            return;
        }
        var ns = host[..slash];
        var dns = host[(slash + 1)..];
        if (ns.Length == 0 || dns.Length == 0)
        {
            context.Error(path, $"\"{host}\": namespace and host name must not be empty");
            return;
        }
        if (ns is not ("*" or "." or "~") && !HostNames.IsDnsLabel(ns.StartsWith('~') ? ns[1..] : ns))
        {
            context.Error(path, $"\"{ns}\" is not \"*\", \".\", \"~\" or a namespace name");
        }
        if (dns != "*" && !dns.Contains('.')) context.Error(path, $"\"{dns}\" is a short name; egress hosts must be fully qualified (or \"*\")");
        else if (HostNames.CheckWildcardDomain(dns) is { } error) context.Error(path, error);
        else if (HostNames.IsPartialWildcard(dns)) context.Error(path, $"\"{dns}\": a wildcard must be the whole first label (\"*.example.com\")");
    }

    /// <summary><c>127.0.0.1:P</c>, <c>0.0.0.0:P</c>, <c>[::1]:P</c>, <c>[::]:P</c> or <c>unix://path</c>.</summary>
    private static void DefaultEndpoint(ValidationContext context, string path, string? endpoint)
    {
        if (string.IsNullOrEmpty(endpoint)) return;
        if (endpoint.StartsWith(NetworkChecks.UnixPrefix, StringComparison.Ordinal))
        {
            if (NetworkChecks.CheckUnixAddress(endpoint[NetworkChecks.UnixPrefix.Length..]) is { } error) context.Error(path, error);
            return;
        }
        var colon = endpoint.LastIndexOf(':');
        var host = colon < 0 ? endpoint : endpoint[..colon];
        var portText = colon < 0 ? "" : endpoint[(colon + 1)..];
        if (host is not ("127.0.0.1" or "0.0.0.0" or "[::1]" or "[::]" or "")
            || !int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || !NetworkChecks.IsPort(port))
        {
            context.Error(path, $"\"{endpoint}\" must be 127.0.0.1:<port>, 0.0.0.0:<port>, [::1]:<port>, [::]:<port> or unix://<path>");
        }
    }
}
