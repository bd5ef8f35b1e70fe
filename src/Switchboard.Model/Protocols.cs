namespace Switchboard.Model;

/// <summary>Istio's protocol selection from a port's name (<c>http-web</c>) or appProtocol. reference/istio-api.md §5.5.</summary>
public static class Protocols
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "http", "http2", "https", "tcp", "tls", "grpc", "grpc-web", "mongo", "mysql", "redis", "udp",
    };

    private static readonly HashSet<string> Http = new(StringComparer.OrdinalIgnoreCase) { "http", "http2", "grpc", "grpc-web" };

    /// <summary>The declared protocol, or null when it must be sniffed.</summary>
    public static string? Of(string? name, string? appProtocol)
    {
        if (!string.IsNullOrEmpty(appProtocol))
        {
            // Kubernetes appProtocol may be prefixed (kubernetes.io/h2c); Istio reads the part it knows.
            var proto = appProtocol.Contains('/') ? appProtocol[(appProtocol.LastIndexOf('/') + 1)..] : appProtocol;
            if (proto.Equals("h2c", StringComparison.OrdinalIgnoreCase)) return "http2";
            if (Known.Contains(proto)) return proto.ToLowerInvariant();
        }
        if (string.IsNullOrEmpty(name)) return null;
        if (Known.Contains(name)) return name.ToLowerInvariant();
        if (name.StartsWith("grpc-web-", StringComparison.OrdinalIgnoreCase)) return "grpc-web";
        var dash = name.IndexOf('-');
        return dash > 0 && Known.Contains(name[..dash]) ? name[..dash].ToLowerInvariant() : null;
    }

    /// <summary>True for protocols carried as HTTP requests (so HTTP-only policy fields apply).</summary>
    public static bool IsHttp(string? protocol) => protocol is not null && Http.Contains(protocol);
}
