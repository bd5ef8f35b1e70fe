using Switchboard.Config.Security;

namespace Switchboard.Cli.TlsCheck;

/// <summary>
/// Whether a connection from the client to one server workload fails its TLS handshake (istioctl's CONFLICT).
/// 1. What the client sends:
///    DISABLE and no proxy: plain text; SIMPLE and MUTUAL: TLS with the application's certificates;
///    ISTIO_MUTUAL: mesh mTLS; AUTO (auto mTLS): mesh mTLS to a workload with a sidecar, plain text to one without,
///    and plain text as well when the workload's namespace-wide (or mesh-wide) mode is DISABLE, the one case the
///    client can infer (https://istio.io/latest/docs/concepts/security/#auto-mutual-tls; workload-selected policies
///    are invisible to it, so they need a DestinationRule).
/// 2. What the server accepts:
///    STRICT: mesh mTLS only; PERMISSIVE: anything (non-mesh TLS passes through to the app);
///    DISABLE, or no sidecar: anything but mesh mTLS (nothing there terminates it).
/// So CONFLICT is: plain text or SIMPLE/MUTUAL to STRICT; ISTIO_MUTUAL to DISABLE or to a workload without a sidecar.
/// AUTO conflicts only through what it cannot see: a workload-selected DISABLE (it sends mTLS), or a workload-selected
/// STRICT in a namespace that is DISABLE (it sends plain text). A workload without a sidecar is never STRICT in effect.
/// </summary>
public static class TlsConflictRule
{
    private enum Wire { Plaintext, ApplicationTls, MeshMtls }

    public static bool Conflicts(ClientTls client, ServerSide server)
    {
        var sent = Sent(client, server);
        if (!server.HasSidecar) return sent == Wire.MeshMtls;
        return server.Mtls.Mode switch
        {
            MtlsMode.Strict => sent != Wire.MeshMtls,
            MtlsMode.Disable => sent == Wire.MeshMtls,
            _ => false,
        };
    }

    private static Wire Sent(ClientTls client, ServerSide server) => client switch
    {
        ClientTls.Disable or ClientTls.NoProxy => Wire.Plaintext,
        ClientTls.Simple or ClientTls.Mutual => Wire.ApplicationTls,
        ClientTls.IstioMutual => Wire.MeshMtls,
        _ => server.HasSidecar && server.NamespaceMode != MtlsMode.Disable ? Wire.MeshMtls : Wire.Plaintext,
    };
}
