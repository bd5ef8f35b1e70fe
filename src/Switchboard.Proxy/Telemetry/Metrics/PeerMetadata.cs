using System.Text.Json;

namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>
/// Tells the server's sidecar who the calling workload is (Istio's metadata exchange), so the destination reporter can
/// label the caller: the client sidecar adds <c>x-envoy-peer-metadata</c> — base64 of a small JSON object — to requests
/// it sends over mTLS to another sidecar. The server believes it only on an mTLS connection and only when it names the
/// namespace the caller's certificate was issued for: the certificate is the authority on identity, the header merely
/// adds the names a certificate does not carry (workload, app, version). Every <c>x-envoy-*</c> header is removed at the
/// first hop (<see cref="Pipeline.InternalHeaders"/>), so an app can neither forge it nor see it.
/// </summary>
internal static class PeerMetadata
{
    public const string Header = "x-envoy-peer-metadata";

    // Generous for seven short names; anything longer is not ours.
    private const int MaxEncodedLength = 2048;

    public static string Encode(PeerWorkload self)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Write(w, "workload", self.Workload);
            Write(w, "namespace", self.Namespace);
            Write(w, "app", self.App);
            Write(w, "version", self.Version);
            Write(w, "service", self.CanonicalService);
            Write(w, "revision", self.CanonicalRevision);
            Write(w, "cluster", self.Cluster);
            w.WriteEndObject();
        }
        return Convert.ToBase64String(buffer.ToArray());
    }

    /// <summary>
    /// The caller as the destination reporter labels it: <paramref name="principal"/> is the verified SPIFFE ID (without
    /// <c>spiffe://</c>) or null for plain text; the header adds names when it agrees with the certificate's namespace.
    /// </summary>
    public static PeerWorkload Caller(string? principal, string? header)
    {
        if (principal is null) return PeerWorkload.Unknown;
        var ns = Authorization.Requests.SpiffePrincipal.Namespace(principal);
        var fromCertificate = PeerWorkload.Unknown with { Principal = principal, Namespace = ns };
        if (header is null || header.Length > MaxEncodedLength) return fromCertificate;
        var decoded = TryDecode(header);
        return decoded is not null && decoded.Namespace == ns ? decoded with { Principal = principal } : fromCertificate;
    }

    private static PeerWorkload? TryDecode(string header)
    {
        var bytes = new byte[header.Length];
        if (!Convert.TryFromBase64String(header, bytes, out var length)) return null;
        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 2 });
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            string? Read(string name) => document.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new PeerWorkload(Read("workload"), Read("namespace"), null, Read("app"), Read("version"), Read("service"), Read("revision"), Read("cluster"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Write(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }
}
