using System.Security.Authentication;

namespace Switchboard.Proxy.Gateway;

/// <summary>A server's <c>minProtocolVersion</c>..<c>maxProtocolVersion</c> as the SSL protocols to enable (TLS 1.0 and 1.1 only when asked for).</summary>
internal static class GatewayTlsVersions
{
    public static SslProtocols Protocols(string min, string max)
    {
        var low = Rank(min, 2);
        var high = Rank(max, 3);
        var protocols = SslProtocols.None;
#pragma warning disable SYSLIB0039 // TLS 1.0/1.1 are obsolete; a Gateway may still ask for them, as Istio allows.
        if (low <= 0 && high >= 0) protocols |= SslProtocols.Tls;
        if (low <= 1 && high >= 1) protocols |= SslProtocols.Tls11;
#pragma warning restore SYSLIB0039
        if (low <= 2 && high >= 2) protocols |= SslProtocols.Tls12;
        if (low <= 3 && high >= 3) protocols |= SslProtocols.Tls13;
        return protocols;
    }

    private static int Rank(string version, int fallback) => version switch
    {
        "TLSV1_0" => 0,
        "TLSV1_1" => 1,
        "TLSV1_2" => 2,
        "TLSV1_3" => 3,
        _ => fallback,
    };
}
