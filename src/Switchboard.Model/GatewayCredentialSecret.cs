using System.Text;
using Switchboard.Config.Kubernetes;

namespace Switchboard.Model;

/// <summary>The PEM texts a gateway credential is made of.</summary>
public sealed record CredentialPem(string CertificateChain, string PrivateKey, string? CaCertificates);

/// <summary>
/// Reads a gateway credential from its Secret as Istio does (reference/istio-api.md §1.3): <c>tls.crt</c>/<c>tls.key</c>
/// or <c>cert</c>/<c>key</c>; the client CA from the same Secret's <c>ca.crt</c> or <c>cacert</c>, else from the Secret
/// <c>NAME-cacert</c>. One reader for the control plane (which serves it) and a proxy reading a config directory.
/// </summary>
public static class GatewayCredentialSecret
{
    /// <summary>The credential in Secret <paramref name="ns"/>/<paramref name="name"/>, or null with <paramref name="problem"/> saying why.</summary>
    public static CredentialPem? Read(MeshSnapshot snapshot, string ns, string name, out string? problem)
    {
        problem = null;
        if (snapshot.FindSecret(ns, name) is not { } secret)
        {
            problem = $"secret {ns}/{name} not found (gateway credentials are read from the gateway workload's namespace)";
            return null;
        }
        var body = secret.Spec;
        var (certKey, keyKey) = body.Has("tls.crt") || body.Has("tls.key") ? ("tls.crt", "tls.key") : ("cert", "key");
        if (Text(body, certKey) is not { } certificate || Text(body, keyKey) is not { } key)
        {
            problem = $"secret {ns}/{name} has no {certKey}/{keyKey} entries (or they are not base64)";
            return null;
        }
        var ca = Text(body, "ca.crt") ?? Text(body, "cacert");
        if (ca is null && snapshot.FindSecret(ns, name + "-cacert") is { } caSecret) ca = Text(caSecret.Spec, "ca.crt") ?? Text(caSecret.Spec, "cacert");
        return new CredentialPem(certificate, key, ca);
    }

    private static string? Text(SecretBody body, string key) => body.Get(key) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
}
