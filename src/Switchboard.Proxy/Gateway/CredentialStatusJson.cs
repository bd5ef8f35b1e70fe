using System.Globalization;
using System.Text.Json;

namespace Switchboard.Proxy.Gateway;

/// <summary>
/// The gateway credentials part of the admin <c>/certs</c> page (what <c>sbctl proxy-config secret</c> shows of a
/// gateway): per credential its name, content version, certificate facts or the error that stops it. Never a key.
/// </summary>
internal static class CredentialStatusJson
{
    public static void Write(Utf8JsonWriter w, IReadOnlyList<CredentialStatus> statuses, DateTimeOffset now)
    {
        w.WriteStartArray("credentials");
        foreach (var status in statuses)
        {
            w.WriteStartObject();
            w.WriteString("name", status.Name);
            w.WriteString("version", status.Version);
            if (status.Credential?.Leaf is { } leaf)
            {
                w.WriteString("state", leaf.NotAfter.ToUniversalTime() < now.UtcDateTime ? "EXPIRED" : "ACTIVE");
                w.WriteString("serialNumber", leaf.SerialNumber.ToLowerInvariant());
                w.WriteString("notBefore", leaf.NotBefore.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                w.WriteString("notAfter", leaf.NotAfter.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                w.WriteString("subject", leaf.Subject);
                w.WriteStartArray("subjectAltNames");
                foreach (var name in Switchboard.Identity.Svid.SubjectAltNames.Read(leaf.Extensions)) w.WriteStringValue(name);
                w.WriteEndArray();
                w.WriteBoolean("clientCa", status.Credential.ClientCa is not null);
            }
            else
            {
                w.WriteString("state", status.Error is null ? "LOADING" : "ERROR");
                if (status.Error is { } error) w.WriteString("error", error);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
