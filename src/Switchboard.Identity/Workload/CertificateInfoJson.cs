using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Switchboard.Identity.Workload;

/// <summary>
/// <see cref="CertificateInfo"/> as JSON, written field by field with <see cref="Utf8JsonWriter"/>: no reflection,
/// so it works in the NativeAOT proxy. Names are camelCase; times are ISO 8601 with offset.
/// </summary>
public static class CertificateInfoJson
{
    public static void Write(Utf8JsonWriter writer, CertificateInfo info)
    {
        writer.WriteStartObject();
        writer.WriteString("spiffeId", info.SpiffeId);
        writer.WriteString("serialNumber", info.SerialNumber);
        writer.WriteString("notBefore", info.NotBefore);
        writer.WriteString("notAfter", info.NotAfter);
        writer.WriteString("issuer", info.Issuer);
        writer.WriteStartArray("rootFingerprints");
        foreach (var fingerprint in info.RootFingerprints) writer.WriteStringValue(fingerprint);
        writer.WriteEndArray();
        writer.WriteString("state", info.State);
        writer.WriteEndObject();
    }

    /// <summary>The JSON text, e.g. for an admin endpoint's response body.</summary>
    public static string Serialize(CertificateInfo info, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
            Write(writer, info);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
