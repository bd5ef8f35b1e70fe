using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Checks a Gateway beyond its types (reference/istio-api.md §1.3): servers, ports, hosts, TLS.</summary>
public sealed class GatewayValidator : SpecValidator<GatewaySpec>
{
    protected override void Validate(Resource<GatewaySpec> resource, ValidationContext context)
    {
        var spec = resource.Spec;
        if (spec.Servers.Count == 0) context.Error("spec.servers", "a Gateway needs at least one server");
        var portNames = new Dictionary<string, int>(StringComparer.Ordinal);
        var serverNames = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Servers.Count; i++)
        {
            var server = spec.Servers[i];
            var path = $"spec.servers[{i}]";
            Server(context, path, server);
            if (!string.IsNullOrEmpty(server.Port?.Name) && !portNames.TryAdd(server.Port.Name, i))
            {
                context.Error($"{path}.port.name", $"port name \"{server.Port.Name}\" is already used by servers[{portNames[server.Port.Name]}]");
            }
            if (!string.IsNullOrEmpty(server.Name) && !serverNames.TryAdd(server.Name, i))
            {
                context.Error($"{path}.name", $"server name \"{server.Name}\" is already used by servers[{serverNames[server.Name]}]");
            }
        }
        if (spec.Selector is { } selector) LabelChecks.Labels(context, "spec.selector", selector);
    }

    private static void Server(ValidationContext context, string path, Server server)
    {
        if (server.Hosts.Count == 0) context.Error($"{path}.hosts", "a server needs at least one host");
        for (var i = 0; i < server.Hosts.Count; i++) Host(context, $"{path}.hosts[{i}]", server.Hosts[i]);
        NetworkChecks.Bind(context, $"{path}.bind", server.Bind);
        ServerTlsChecks.Validate(context, $"{path}.tls", server.Tls);
        if (server.Port is not { } port) return; // required: the binder reports it
        var unix = server.Bind?.StartsWith(NetworkChecks.UnixPrefix, StringComparison.Ordinal) == true;
        if (unix && port.Number != 0) context.Error($"{path}.port.number", "port number must be 0 when binding to a unix:// socket");
        else if (!unix) NetworkChecks.Port(context, $"{path}.port.number", port.Number);
        if (string.IsNullOrEmpty(port.Protocol)) context.Error($"{path}.port", "port.protocol is required");
        else Protocols.Check(context, $"{path}.port.protocol", port.Protocol, Protocols.Gateway);
        if (string.IsNullOrEmpty(port.Name)) context.Error($"{path}.port", "port.name is required");
        if (port.TargetPort is not null) context.Error($"{path}.port.targetPort", "targetPort has no effect on Gateways; remove it");
        Tls(context, path, server, port);
    }

    /// <summary>HTTPS/TLS ports need TLS settings; plain ports may only carry httpsRedirect.</summary>
    private static void Tls(ValidationContext context, string path, Server server, GatewayPort port)
    {
        if (string.IsNullOrEmpty(port.Protocol) || !Protocols.Gateway.Contains(port.Protocol)) return;
        if (Protocols.IsTls(port.Protocol))
        {
            if (server.Tls is null) context.Error(path, $"a {port.Protocol.ToUpperInvariant()} server needs tls settings");
            return;
        }
        if (server.Tls is not { } tls) return;
        if (!Protocols.IsHttp(port.Protocol))
        {
            context.Error($"{path}.tls", $"a {port.Protocol.ToUpperInvariant()} server cannot have tls settings; use protocol TLS or HTTPS");
        }
        else if (tls.Mode is not null and not (ServerTlsMode.Passthrough or ServerTlsMode.AutoPassthrough) || !string.IsNullOrEmpty(tls.ServerCertificate) || !string.IsNullOrEmpty(tls.PrivateKey)
            || !string.IsNullOrEmpty(tls.CaCertificates) || !string.IsNullOrEmpty(tls.CredentialName))
        {
            context.Error($"{path}.tls", "a plain-text HTTP server can only set tls.httpsRedirect");
        }
        if (tls.HttpsRedirect == true && !Protocols.IsHttp(port.Protocol)) context.Warning($"{path}.tls.httpsRedirect", "httpsRedirect only applies to HTTP servers");
    }

    /// <summary><c>[namespace/]dnsName</c>: namespace <c>*</c>, <c>.</c> or a name; the host <c>*</c>, a wildcard FQDN or an IP.</summary>
    private static void Host(ValidationContext context, string path, string host)
    {
        var slash = host.IndexOf('/');
        var dns = slash < 0 ? host : host[(slash + 1)..];
        if (slash >= 0)
        {
            var ns = host[..slash];
            if (ns.Length == 0 || dns.Length == 0) context.Error(path, $"\"{host}\": namespace and host name must not be empty");
            else if (ns is not ("*" or ".") && !HostNames.IsDnsLabel(ns)) context.Error(path, $"\"{ns}\" is not \"*\", \".\" or a namespace name");
        }
        if (dns.Length == 0) return;
        if (HostNames.IsIp(dns)) return;
        if (dns != "*" && !dns.Contains('.')) context.Error(path, $"\"{dns}\" is a short name; gateway hosts must be fully qualified (or \"*\")");
        else if (HostNames.CheckWildcardDomain(dns) is { } error) context.Error(path, error);
        else if (HostNames.IsPartialWildcard(dns)) context.Error(path, $"\"{dns}\": a wildcard must be the whole first label (\"*.example.com\")");
    }
}
