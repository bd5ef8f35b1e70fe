using Switchboard.Config.Networking;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>Maps a DestinationRule's client <c>tls</c> settings; null (not set) leaves auto mTLS in charge.</summary>
internal static class TlsMapper
{
    public static UpstreamTls? Map(ClientTlsSettings? tls)
    {
        if (tls is null) return null;
        return new UpstreamTls
        {
            Mode = tls.Mode switch
            {
                ClientTlsMode.Simple => UpstreamTlsMode.Simple,
                ClientTlsMode.Mutual => UpstreamTlsMode.Mutual,
                ClientTlsMode.IstioMutual => UpstreamTlsMode.IstioMutual,
                _ => UpstreamTlsMode.Disable,
            },
            ClientCertificate = tls.ClientCertificate,
            PrivateKey = tls.PrivateKey,
            CaCertificates = tls.CaCertificates,
            CredentialName = tls.CredentialName,
            SubjectAltNames = tls.SubjectAltNames,
            Sni = tls.Sni,
            InsecureSkipVerify = tls.InsecureSkipVerify ?? false,
        };
    }
}
