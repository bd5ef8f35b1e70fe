using System.Text.Json;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Json;

/// <summary>Writes a gateway's listeners: chains with their SNI names, TLS (credential references, never keys) and routes.</summary>
internal static class GatewayJson
{
    public static void WriteListener(Utf8JsonWriter w, GatewayListener listener)
    {
        w.WriteStartObject();
        w.WriteNumber("port", listener.Port);
        w.WriteNumber("serverPort", listener.ServerPort);
        w.WriteString("protocol", listener.Protocol);
        JsonParts.List(w, "chains", listener.Chains, WriteChain);
        w.WriteEndObject();
    }

    private static void WriteChain(Utf8JsonWriter w, GatewayChain chain)
    {
        w.WriteStartObject();
        w.WriteString("name", chain.Name);
        JsonParts.Strings(w, "serverNames", chain.ServerNames);
        if (chain.Tls is { } tls) WriteTls(w, tls);
        if (chain.Routes is { } routes)
        {
            w.WritePropertyName("routes");
            RouteJson.WriteTable(w, routes);
        }
        JsonParts.List(w, "tcpRoutes", chain.TcpRoutes, RouteJson.WriteL4Route);
        w.WriteEndObject();
    }

    private static void WriteTls(Utf8JsonWriter w, GatewayTls tls)
    {
        w.WriteStartObject("tls");
        w.WriteString("mode", tls.Mode);
        if (tls.Credential is { } credential) w.WriteString("credential", $"{credential.Namespace}/{credential.Name}@{credential.Version}");
        JsonParts.String(w, "certificateFile", tls.CertificateFile);
        JsonParts.String(w, "privateKeyFile", tls.PrivateKeyFile);
        JsonParts.String(w, "caCertificatesFile", tls.CaCertificatesFile);
        JsonParts.Strings(w, "subjectAltNames", tls.SubjectAltNames);
        if (tls.Mode != GatewayTls.Passthrough)
        {
            w.WriteString("minProtocolVersion", tls.MinProtocolVersion);
            w.WriteString("maxProtocolVersion", tls.MaxProtocolVersion);
        }
        w.WriteEndObject();
    }
}
